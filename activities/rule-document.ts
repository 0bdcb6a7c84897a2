import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { fillTemplate } from '../src/domain/template.js';
import { MissingGlyphError, renderSimpleDocument } from '../src/pdf/index.js';
import type { DocumentVariant } from '../src/rules/schema/template.js';
import type { ActivityDeps } from './deps.js';
import { isUniqueViolation } from '../src/platform/db.js';
import type { RunFacts } from './facts.js';
import { fileNameFor, intact, sha256, writeFileAtomic } from './files.js';

export interface RenderTemplateDocumentInput {
  /** Business key (rule + event + step): one PDF per key, whatever the retries. */
  key: string;
  /** The template's name; also the document's kind and attachment file name. */
  name: string;
  variant: DocumentVariant;
  facts: RunFacts;
}

export interface DocumentRef {
  key: string;
  path: string;
  sha256: string;
}

/** Renders a document template (the language variant chosen by the workflow) to a PDF. */
export function renderTemplateDocument(deps: ActivityDeps) {
  return async ({ key, name, variant, facts }: RenderTemplateDocumentInput): Promise<DocumentRef> => {
    const existing = await deps.db.document.findUnique({ where: { key } });
    if (existing && (await intact(existing.path, existing.sha256))) return { key, path: existing.path, sha256: existing.sha256 };
    const bytes = await failOnBusinessErrors(key, () => {
      const fill = (t: string) => fillTemplate(t, { ...facts });
      return renderSimpleDocument({
        title: fill(variant.title),
        ...(variant.subtitle ? { subtitle: fill(variant.subtitle) } : {}),
        lines: variant.lines.map((l) => ({ label: fill(l.label), value: fill(l.value) })),
        ...(variant.footer ? { footer: fill(variant.footer) } : {}),
        language: facts.customer.language,
      });
    });
    const file = path.join(deps.dataDir, 'documents', fileNameFor(key, 'pdf'));
    await writeFileAtomic(file, bytes);
    const digest = sha256(bytes);
    // Insert, or on a retry whose file went missing, update: an upsert is three statements on SQLite.
    await deps.db.document.create({ data: { key, kind: name, path: file, sha256: digest, bytes: bytes.length } }).catch(async (e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      await deps.db.document.update({ where: { key }, data: { path: file, sha256: digest, bytes: bytes.length } });
    });
    return { key, path: file, sha256: digest };
  };
}

/** A template naming a missing value, or text the font cannot show, fails the same on every retry. */
async function failOnBusinessErrors(key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await render();
  } catch (err) {
    if (err instanceof MissingGlyphError) throw ApplicationFailure.nonRetryable(err.message, 'MissingGlyph');
    if (err instanceof Error && err.message.startsWith('template variable')) {
      throw ApplicationFailure.nonRetryable(`document ${key}: ${err.message}`, 'TemplateError');
    }
    throw err;
  }
}
