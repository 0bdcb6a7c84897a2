// Prisma's schema engine as WebAssembly, driven through a JS driver adapter: migrations
// without the native engine binary the Prisma CLI would download.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine };

let loaded: Promise<void> | undefined;

/**
 * Instantiates the .wasm once per process. The package's own entry imports the .wasm as
 * an ES module, which Node 20 only allows behind --experimental-wasm-modules; wiring the
 * generated JS bindings to the instance ourselves needs no flag.
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const js = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(js), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/**
 * An engine connected through `adapter` (it connects at once), knowing `schema`.
 * Call free() when done; the caller closes the adapter's connections.
 */
export async function openSchemaEngine(schema: string, adapter: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await loadWasm();
  return bindings.SchemaEngine.new(
    { datamodels: [['schema.prisma', schema]] },
    logFromEngine,
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
}

/** The engine logs JSON lines; show warnings and errors, and everything with RECFLOW_DEBUG_MIGRATE=1. */
function logFromEngine(line: string): void {
  let level = 'INFO';
  let message = line;
  try {
    const parsed = JSON.parse(line) as { level?: string; fields?: { message?: string } };
    level = parsed.level ?? level;
    message = parsed.fields?.message ?? line;
  } catch {
    // not JSON: print as is
  }
  if (process.env.RECFLOW_DEBUG_MIGRATE === '1' || level === 'WARN' || level === 'ERROR') {
    console.error(`schema engine ${level.toLowerCase()}: ${message}`);
  }
}
