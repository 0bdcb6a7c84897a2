#!/usr/bin/env node
// Stand-in for Prisma's native schema engine, which the Prisma CLI insists on
// downloading before any command. recflow never uses it: clients are generated without
// it (bin/prisma-generate.mjs) and migrations run on the WebAssembly schema engine
// (src/platform/migrate.ts). If the CLI ever runs this file, say so instead of failing silently.
console.error(
  'recflow does not ship the native Prisma schema engine. Use `npm run db:migrate` to apply ' +
    'migrations and `npm run db:migration -- <name>` to create one.',
);
process.exit(1);
