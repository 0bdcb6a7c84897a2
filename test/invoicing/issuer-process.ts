// A separate issuing process for the SQLite numbering test: issues the drafts named on
// the command line against DATABASE_URL, then prints "done <count>".
import { issueInvoice } from '../../src/invoicing/index.js';
import { createDb } from '../../src/platform/db.js';

const [tenantId, ...invoiceIds] = process.argv.slice(2);
const db = await createDb(process.env.DATABASE_URL!);
for (const invoiceId of invoiceIds) await issueInvoice({ db, actor: `process-${process.pid}` }, { tenantId: tenantId!, invoiceId });
await db.$disconnect();
console.log(`done ${invoiceIds.length}`);
