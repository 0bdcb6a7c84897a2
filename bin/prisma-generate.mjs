#!/usr/bin/env node
// Generates the Prisma clients (one per provider) into src/generated/<provider>/client.
// Runs on npm install / npm ci (postinstall), offline: the Prisma CLI is told the schema
// engine already exists, so it downloads nothing. Skips a provider whose schema and
// Prisma versions have not changed since the last run; --force regenerates anyway.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { providers, schemaFor } from '../prisma/schema.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const force = process.argv.includes('--force');

let prismaCli;
try {
  prismaCli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
} catch {
  // A production install (--omit=dev) has no Prisma CLI; the clients must come from a dev build.
  console.warn('prisma-generate: the prisma package is not installed (dev dependency); clients not generated.');
  process.exit(0);
}

const env = {
  ...process.env,
  // Any existing file stops the CLI from downloading the native schema engine.
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || path.join(root, 'bin', 'schema-engine-stub.mjs'),
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
  CHECKPOINT_DISABLE: '1', // no version check against checkpoint.prisma.io
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

const versions = ['prisma', '@prisma/client']
  .map((name) => `${name}@${JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version}`)
  .join(' ');

async function generate(provider) {
  const dir = path.join(root, 'src', 'generated', provider);
  const schemaFile = path.join(dir, 'schema.prisma');
  const stampFile = path.join(dir, 'stamp.txt');
  const schema = schemaFor(provider, './client');
  const stamp = createHash('sha256').update(`${versions}\n${schema}`).digest('hex');
  const upToDate =
    existsSync(path.join(dir, 'client', 'client.ts')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (upToDate && !force) return `${provider}: up to date`;

  mkdirSync(dir, { recursive: true });
  writeFileSync(schemaFile, schema);
  try {
    await promisify(execFile)(process.execPath, [prismaCli, 'generate', '--schema', schemaFile, '--no-hints'], {
      cwd: root,
      env,
    });
  } catch (e) {
    throw new Error(`prisma generate failed for ${provider} (${schemaFile}):\n${e.stderr || e.stdout || e.message}`);
  }
  writeFileSync(stampFile, stamp);
  return `${provider}: generated src/generated/${provider}/client`;
}

const started = Date.now();
try {
  const results = await Promise.all(providers.map(generate));
  console.log(`prisma-generate: ${results.join('; ')} (${Date.now() - started} ms)`);
} catch (e) {
  console.error(`prisma-generate: ${e.message}`);
  process.exit(1);
}
