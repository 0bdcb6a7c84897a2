/** Who gets a customer's mail: invoices and reminders go to accounting first. */
export type MailPurpose = 'invoice' | 'reminder' | 'other';

export interface RecipientSource {
  email?: string | null;
  contacts: { email: string; role: string }[];
}

/**
 * Invoice and reminder mail: every accounting contact; without one, the main contacts;
 * without those, the customer's own address. Other mail: main contacts first.
 * @example defaultRecipients({ email: 'info@kunde.de', contacts: [{ email: 'buchhaltung@kunde.de', role: 'accounting' }] }, 'reminder') // ['buchhaltung@kunde.de']
 */
export function defaultRecipients(customer: RecipientSource, purpose: MailPurpose): string[] {
  const byRole = (role: string) => [...new Set(customer.contacts.filter((c) => c.role === role).map((c) => c.email.trim()).filter(Boolean))];
  const order = purpose === 'other' ? ['main', 'accounting'] : ['accounting', 'main'];
  for (const role of order) {
    const found = byRole(role);
    if (found.length > 0) return found;
  }
  return customer.email ? [customer.email] : [];
}
