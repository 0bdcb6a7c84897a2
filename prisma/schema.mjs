// Builds the full Prisma schema for one provider from prisma/models.prisma.
// Shared by bin/prisma-generate.mjs (client generation) and src/platform/migrate.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const prismaDir = path.dirname(fileURLToPath(import.meta.url));

/** Prisma provider names, which are also the folder names under prisma/migrations/. */
export const providers = /** @type {const} */ (['sqlite', 'postgresql']);

/** The migrations folder of one provider. */
export function migrationsDir(provider) {
  return path.join(prismaDir, 'migrations', provider);
}

/**
 * The schema text for a provider: datasource (no url: adapters connect), an optional
 * generator block, then the shared models.
 */
export function schemaFor(provider, clientOutput) {
  if (!providers.includes(provider)) throw new Error(`unknown Prisma provider "${provider}"`);
  const models = readFileSync(path.join(prismaDir, 'models.prisma'), 'utf8');
  const generator = clientOutput
    ? `generator client {
  provider            = "prisma-client"
  output              = ${JSON.stringify(clientOutput)}
  runtime             = "nodejs"
  moduleFormat        = "esm"
  importFileExtension = "js"
}

`
    : '';
  return `// GENERATED from prisma/models.prisma by prisma/schema.mjs. Do not edit.

datasource db {
  provider = "${provider}"
}

${generator}${models}`;
}
