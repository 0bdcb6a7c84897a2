// A second process for test/db/sqlite-two-processes.test.ts: bumps the demo opportunity's
// amount `count` times in read-wait-write transactions once it printed "ready", then prints
// "ok" or the errors.
import { createDb } from '../../src/platform/db.js';
import { DEMO } from '../../src/seed.js';
import type { Db } from '../../src/platform/db.js';

export async function bump(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.opportunity.findUniqueOrThrow({ where: { id: DEMO.opportunityId } });
    await new Promise((r) => setTimeout(r, 5));
    await tx.opportunity.update({ where: { id: DEMO.opportunityId }, data: { amountMinor: row.amountMinor + 1 } });
  });
}

if (process.argv[1]?.endsWith('sqlite-bumper.ts')) {
  const [url, count] = process.argv.slice(2);
  const db = await createDb(url!);
  await db.opportunity.findUniqueOrThrow({ where: { id: DEMO.opportunityId } });
  console.log('ready');
  const failures: string[] = [];
  for (let i = 0; i < Number(count); i++) await bump(db).catch((e: Error) => failures.push(e.message.split('\n').at(-1)!));
  await db.$disconnect();
  console.log(failures.length ? `failed: ${failures.join(' | ')}` : 'ok');
}
