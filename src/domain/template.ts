/**
 * Fills {{a.b}} placeholders from a plain object. No expressions, no code: an unknown
 * name is an error, so a typo in a rule never mails a customer "Hello ,".
 * @example fillTemplate('Hi {{customer.name}}', { customer: { name: 'Ana' } }) // 'Hi Ana'
 */
export function fillTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (_, name: string) => {
    const value = name.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], values);
    if (value === undefined || value === null) throw new Error(`template variable "${name}" has no value`);
    return String(value);
  });
}

/**
 * fillTemplate for HTML: every inserted value is escaped, so a customer named
 * "<b>Ana</b>" shows as written and cannot change the markup.
 * @example fillHtml('<p>Hi {{customer.name}}</p>', { customer: { name: 'A & B' } }) // '<p>Hi A &amp; B</p>'
 */
export function fillHtml(template: string, values: Record<string, unknown>): string {
  return fillTemplate(template, escapeValues(values) as Record<string, unknown>);
}

function escapeValues(values: unknown): unknown {
  if (typeof values === 'string') return escapeHtml(values);
  if (!values || typeof values !== 'object') return values;
  if (Array.isArray(values)) return values.map(escapeValues);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeValues(v)]));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
