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
