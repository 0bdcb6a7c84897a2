// `recflow db migrate` and `recflow db new-migration <name>`.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig, projectRoot } from '../platform/config.js';
import { createMigration, migrate } from '../platform/migrate.js';

const usage = `usage: recflow db <command>

  migrate                 apply pending migrations to DATABASE_URL (default: the SQLite file in .data/)
  new-migration <name>    write the next migration for SQLite and PostgreSQL from changes
                          in prisma/models.prisma, then regenerate the Prisma clients.
                          PostgreSQL's scratch database: MIGRATION_POSTGRES_URL, else a
                          throwaway local cluster.`;

export async function dbCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'migrate': {
      const { databaseUrl, databaseKind } = loadConfig();
      const started = Date.now();
      const { applied } = await migrate(databaseUrl);
      const took = `${Date.now() - started} ms`;
      if (applied.length === 0) console.log(`${databaseKind}: up to date, nothing applied (${took})`);
      else console.log(`${databaseKind}: applied ${applied.length} migration(s) (${took}):\n${applied.map((n) => `  ${n}`).join('\n')}`);
      break;
    }
    case 'new-migration': {
      const name = rest.join('_');
      if (!name) throw new Error(`new-migration needs a name, e.g. \`npm run db:migration -- add_invoices\`\n\n${usage}`);
      const created = await createMigration(name);
      if (!created.name) {
        console.log('prisma/models.prisma matches the migrations: nothing to write.');
        break;
      }
      console.log(`wrote migration ${created.name}; review the SQL before committing:`);
      for (const file of created.files) console.log(`  ${path.relative(projectRoot, file)}`);
      // The clients must match the models the migration was made from.
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(projectRoot, 'bin', 'prisma-generate.mjs')]);
      process.stdout.write(stdout);
      break;
    }
    default:
      console.error(command ? `unknown db command "${command}"\n\n${usage}` : usage);
      process.exitCode = 2;
  }
}
