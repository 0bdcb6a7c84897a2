// `recflow tokens create --tenant <slug> [--name <label>]`: an API token for a tenant,
// printed once (the database keeps only its hash). For setups without `npm start`'s
// demo token, e.g. `recflow api` in docker compose.
import { parseArgs } from 'node:util';
import { createApiToken } from '../api/auth.js';
import { loadConfig } from '../platform/config.js';
import { createDb } from '../platform/db.js';

const usage = `usage: recflow tokens create --tenant <slug> [--name <label>]

  Prints a new bearer token for the tenant in DATABASE_URL; store it, it is shown once.`;

export async function tokensCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command !== 'create') {
    console.error(command ? `unknown tokens command "${command}"\n\n${usage}` : usage);
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' }, name: { type: 'string' } }, strict: true });
  if (!values.tenant) {
    console.error(`--tenant is needed\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const db = await createDb(loadConfig().databaseUrl);
  try {
    const tenant = await db.tenant.findFirst({ where: { OR: [{ slug: values.tenant }, { id: values.tenant }] } });
    if (!tenant) {
      const slugs = (await db.tenant.findMany({ select: { slug: true } })).map((t) => t.slug);
      console.error(`error: no tenant "${values.tenant}"; tenants: ${slugs.join(', ') || '(none)'}`);
      process.exitCode = 1;
      return;
    }
    const { token } = await createApiToken(db, tenant.id, values.name ?? 'cli');
    console.log(token);
  } finally {
    await db.$disconnect();
  }
}
