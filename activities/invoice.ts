import { ApplicationFailure } from '@temporalio/activity';
import { renderInvoicePdf, type InvoiceParties } from '../src/documents/index.js';
import { addDuration, type Duration } from '../src/rules/words.js';
import { localDate } from '../src/domain/dates.js';
import {
  cancelInvoice,
  createDraft,
  finalFromProforma,
  getInvoice,
  InvoicingError,
  issueInvoice,
  proformaFromOpportunity,
  recordPayment,
  type InvoiceView,
} from '../src/invoicing/index.js';
import type { ActivityDeps } from './deps.js';
import { withMoney, type InvoiceFacts, type RunFacts } from './facts.js';
import { fileNameFor, sha256, writeFileAtomic } from './files.js';
import path from 'node:path';

export interface CreateRuleInvoiceInput {
  /** Business key (rule + event + step): the invoice's source key, so a retry returns the first one. */
  key: string;
  /** Who acts, for the audit trail: the workflow id. */
  actor: string;
  tenantId: string;
  opportunityId: string;
  kind: 'proforma' | 'final' | 'final-from-proforma';
  dueIn?: Duration;
  /** Workflow time of the step (ms): the issue date and due date follow the run's clock, not this worker's. */
  now: number;
}

/**
 * Creates and issues an invoice for the run's opportunity through the invoicing services,
 * and stores its PDF as a Document under `<key>:pdf` for later attachments.
 */
export function createRuleInvoice(deps: ActivityDeps) {
  return async (input: CreateRuleInvoiceInput): Promise<{ invoice: NonNullable<RunFacts['invoice']>; documentKey: string }> => {
    const ctx = { db: deps.db, actor: input.actor, now: () => new Date(input.now) };
    const { tenantId, opportunityId, key: sourceKey } = input;
    const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    const dueDate = input.dueIn ? localDate(new Date(addDuration(input.now, input.dueIn)), tenant.timeZone) : undefined;
    const view = await businessErrorsFinal(async () => {
      if (input.kind === 'proforma') return proformaFromOpportunity(ctx, { tenantId, opportunityId, sourceKey, ...(dueDate ? { dueDate } : {}) });
      if (input.kind === 'final-from-proforma') {
        const proforma = await deps.db.invoice.findFirst({
          where: { tenantId, opportunityId, kind: 'proforma', number: { not: null }, status: { not: 'cancelled' } },
          orderBy: { issuedAt: 'desc' },
        });
        if (!proforma) throw new InvoicingError('invalid_state', `opportunity ${opportunityId} has no issued proforma to make the final invoice from`);
        return finalFromProforma(ctx, { tenantId, proformaId: proforma.id, sourceKey, ...(dueDate ? { dueDate } : {}) });
      }
      const opp = await deps.db.opportunity.findFirstOrThrow({ where: { id: opportunityId, tenantId } });
      const line = { description: opp.title, quantity: 1, unitPriceMinor: opp.amountMinor, taxRateBp: 0 };
      const draft = await createDraft(ctx, { tenantId, customerId: opp.customerId, kind: 'final', currency: opp.currency, lines: [line], opportunityId, sourceKey, ...(dueDate ? { dueDate } : {}) });
      return issueInvoice(ctx, { tenantId, invoiceId: draft.id });
    });
    const documentKey = `${sourceKey}:pdf`;
    if (!(await deps.db.document.findUnique({ where: { key: documentKey } }))) {
      const bytes = await renderInvoicePdf(view, await partiesOf(deps, view));
      const file = path.join(deps.dataDir, 'documents', fileNameFor(documentKey, 'pdf'));
      await writeFileAtomic(file, bytes);
      const kind = `${view.kind}-${view.number}`.replace(/[^\w-]+/g, '-');
      await deps.db.document.upsert({
        where: { key: documentKey },
        create: { key: documentKey, kind, path: file, sha256: sha256(bytes), bytes: bytes.length },
        update: {},
      });
    }
    return { invoice: withMoney(invoiceFacts(view)), documentKey };
  };
}

export function invoiceFacts(view: InvoiceView): InvoiceFacts {
  return { id: view.id, kind: view.kind, number: view.number ?? '', currency: view.currency, dueDate: view.dueDate, amountMinor: view.grossMinor, openAmountMinor: view.openMinor, status: view.status, remindersSent: view.reminderCount };
}

/** Re-reads an invoice for fresh facts (paid amounts change while a run waits). */
export async function readInvoice(deps: ActivityDeps, tenantId: string, invoiceId: string): Promise<InvoiceView> {
  return getInvoice({ db: deps.db, actor: 'rules' }, { tenantId, invoiceId });
}

async function partiesOf(deps: ActivityDeps, view: InvoiceView): Promise<InvoiceParties> {
  const [tenant, customer, reference] = await Promise.all([
    deps.db.tenant.findUniqueOrThrow({ where: { id: view.tenantId } }),
    deps.db.customer.findUniqueOrThrow({ where: { id: view.customerId } }),
    view.referenceId ? deps.db.invoice.findUnique({ where: { id: view.referenceId } }) : null,
  ]);
  const address = [customer.addressLine1, customer.addressLine2, [customer.postalCode, customer.city].filter(Boolean).join(' '), customer.country].filter((x): x is string => !!x);
  return {
    seller: { name: tenant.name, address: [], ...(tenant.ownerEmail ? { email: tenant.ownerEmail } : {}) },
    buyer: { name: customer.name, address, ...(customer.vatId ? { vatId: customer.vatId } : {}), ...(customer.email ? { email: customer.email } : {}) },
    ...(reference?.number ? { reference: { number: reference.number, issueDate: reference.issueDate } } : {}),
  };
}

/** Invoicing's business errors fail the same way on every retry; a conflict may not. */
async function businessErrorsFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof InvoicingError && err.code !== 'conflict') throw ApplicationFailure.nonRetryable(err.message, `Invoicing:${err.code}`);
    throw err;
  }
}

export interface RunInvoiceActionInput {
  actor: string;
  tenantId: string;
  invoiceId: string;
  action: 'mark-paid' | 'cancel';
  reason?: string;
  /** Workflow time of the step (ms), e.g. the date the payment is recorded on. */
  now: number;
}

/** Marks the run's invoice paid (what is open) or cancels it with a storno; both idempotent. */
export function runInvoiceAction(deps: ActivityDeps) {
  return async ({ actor, tenantId, invoiceId, action, reason, now }: RunInvoiceActionInput): Promise<NonNullable<RunFacts['invoice']>> => {
    const ctx = { db: deps.db, actor, now: () => new Date(now) };
    const view = await businessErrorsFinal(async () =>
      action === 'mark-paid'
        ? recordPayment(ctx, { tenantId, invoiceId })
        : (await cancelInvoice(ctx, { tenantId, invoiceId, ...(reason ? { reason } : {}) })).invoice,
    );
    return withMoney(invoiceFacts(view));
  };
}
