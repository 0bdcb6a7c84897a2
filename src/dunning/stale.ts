// Dunning before the bank statements are imported sends reminders for invoices that are
// already paid: a run says so when the newest statement is older than its run date.
import type { CalendarDate } from '../domain/dates.js';
import type { Db } from '../platform/db.js';

/** The warning text, or undefined when statements are up to date. */
export async function staleImportWarning(db: Db, tenantId: string, runDate: CalendarDate): Promise<string | undefined> {
  const newest = await db.bankImport.findFirst({ where: { tenantId, statementDate: { not: null } }, orderBy: { statementDate: 'desc' }, select: { statementDate: true } });
  const date = newest?.statementDate;
  if (!date) return `no bank statement has been imported; reminders may go out for invoices that are already paid — import the statements first (recflow payments import)`;
  if (date < runDate) return `the newest bank statement is from ${date}, older than the run date ${runDate}; reminders may go out for invoices paid since — import the newer statements first`;
  return undefined;
}
