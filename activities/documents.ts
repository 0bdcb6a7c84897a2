import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderSimpleDocument } from '../src/pdf/index.js';
import { formatMoney } from '../src/domain/money.js';
import type { ActivityDeps, OpportunityFacts } from './deps.js';
import { fileNameFor, sha256, writeFileAtomic } from './files.js';

export interface RenderDocumentInput {
  /** Business key: one PDF per key, whatever the retries. */
  key: string;
  title: string;
  facts: OpportunityFacts;
}

export interface DocumentRef {
  key: string;
  path: string;
  sha256: string;
}

export function renderDocument(deps: ActivityDeps) {
  return async ({ key, title, facts }: RenderDocumentInput): Promise<DocumentRef> => {
    const existing = await deps.db.document.findUnique({ where: { key } });
    if (existing && (await intact(existing.path, existing.sha256))) {
      return { key, path: existing.path, sha256: existing.sha256 };
    }
    const { opportunity, customer, event } = facts;
    const bytes = await renderSimpleDocument({
      title,
      subtitle: opportunity.title,
      language: customer.language,
      lines: [
        { label: 'Customer', value: customer.name },
        { label: 'Reference', value: opportunity.externalId },
        { label: 'Amount', value: formatMoney(opportunity.amountMinor, opportunity.currency) },
        { label: 'Status', value: `${event.from ?? '—'} → ${event.to}` },
        { label: 'Date', value: event.occurredAt.slice(0, 10) },
      ],
      footer: `Document ${key}`,
    });
    const file = path.join(deps.dataDir, 'documents', fileNameFor(key, 'pdf'));
    await writeFileAtomic(file, bytes);
    const digest = sha256(bytes);
    await deps.db.document.upsert({
      where: { key },
      create: { key, kind: 'confirmation', path: file, sha256: digest, bytes: bytes.length },
      update: { path: file, sha256: digest, bytes: bytes.length },
    });
    return { key, path: file, sha256: digest };
  };
}

async function intact(file: string, digest: string): Promise<boolean> {
  try {
    await access(file);
    return sha256(await readFile(file)) === digest;
  } catch {
    return false;
  }
}
