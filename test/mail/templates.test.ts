import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate, loadMailTemplates, MAIL_LANGUAGES, MailTemplateError, renderMail } from '../../src/mail/templates.js';

const templates = loadMailTemplates();
const FACTS = ['customer.name', 'invoice.number', 'invoice.amount', 'invoice.openAmount', 'invoice.dueDate'];

describe('mail templates in templates/', () => {
  it('have every language and only the documented facts', () => {
    expect([...templates.keys()]).toEqual(['credit-note-issued', 'dunning-1', 'dunning-2', 'dunning-3', 'invoice-issued', 'proforma-issued']);
    for (const t of templates.values()) {
      expect(Object.keys(t.variants).sort()).toEqual([...MAIL_LANGUAGES].sort());
      expect(() => checkTemplate(t.name, FACTS, templates)).not.toThrow();
    }
  });

  it('renders subject, text and html in the customer language, escaping values in html', () => {
    const values = { customer: { name: 'Müller & <Söhne>' }, invoice: { number: 'INV-2026-0001', amount: '1.234,56 €', dueDate: '28.03.2026' } };
    const de = renderMail(templates.get('invoice-issued')!, 'de-AT', values);
    expect(de.language).toBe('de');
    expect(de.subject).toBe('Rechnung INV-2026-0001');
    expect(de.text).toContain('Guten Tag Müller & <Söhne>,');
    expect(de.html).toContain('Müller &amp; &lt;Söhne&gt;');
    expect(renderMail(templates.get('invoice-issued')!, 'ro', values).subject).toBe('Factura INV-2026-0001');
    expect(renderMail(templates.get('invoice-issued')!, 'hu', values).language).toBe('en');
  });
});

describe('checkTemplate', () => {
  it('names the unknown template and lists the known ones', () => {
    expect(() => checkTemplate('invoice-isued', FACTS, templates)).toThrow(/no mail template "invoice-isued"; templates are folders in templates\/: credit-note-issued, dunning-1/);
  });

  it('names the variables a rule does not provide', () => {
    expect(() => checkTemplate('dunning-1', ['customer.name', 'invoice.number'], templates)).toThrow(
      /mail template "dunning-1" uses \{\{invoice\.dueDate\}\}, \{\{invoice\.openAmount\}\}, which this rule does not provide/,
    );
    expect(() => checkTemplate('dunning-1', ['customer.name', 'invoice.number'], templates)).toThrow(MailTemplateError);
  });

  it('refuses a template folder without en.yaml or with unknown fields', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'recflow-templates-'));
    mkdirSync(path.join(dir, 'x'));
    writeFileSync(path.join(dir, 'x', 'de.yaml'), 'subject: a\ntext: b\n');
    expect(() => loadMailTemplates(dir)).toThrow(/en\.yaml is missing/);
    writeFileSync(path.join(dir, 'x', 'en.yaml'), 'subject: a\nbody: b\n');
    expect(() => loadMailTemplates(dir)).toThrow(/unknown field "body"/);
  });
});
