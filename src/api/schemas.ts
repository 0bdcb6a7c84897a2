// Request and response shapes of the invoicing API: one zod source for validation, the
// OpenAPI description (openapi.ts) and the response checks in the tests.
import { z } from 'zod';
import { INVOICE_STATUSES } from '../domain/invoice-status.js';
import { INVOICE_KINDS } from '../domain/numbering.js';
import { PART_KINDS } from '../domain/parts.js';

export const minor = z.number().int().refine(Number.isSafeInteger, 'a safe integer of minor units');
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
export const bp = z.number().int().min(0).max(10_000);
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const errorSchema = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() }).meta({ id: 'Error' });

export const idParam = z.object({ id: z.string() });

export const lineInput = z
  .object({
    productId: z.string().optional(),
    description: z.string().min(1).optional(),
    quantity: z.union([z.string(), z.number().int()]).describe('decimal string such as "1.5" (at most 3 decimals) or an integer'),
    unit: z.string().min(1).optional(),
    unitPriceMinor: minor.optional(),
    discountBp: bp.optional(),
    taxRateBp: bp.optional(),
  })
  .strict()
  .meta({ id: 'LineInput' });

export const prepaymentInput = z
  .union([z.object({ amountMinor: minor, dueDate: date }).strict(), z.object({ percentBp: bp, dueDate: date }).strict()])
  .meta({ id: 'Prepayment' });

const taxRate = z.object({ taxRateBp: z.number().int(), netMinor: minor, taxMinor: minor, grossMinor: minor });

export const invoiceSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    customerId: z.string(),
    kind: z.enum(INVOICE_KINDS),
    series: z.string(),
    number: nullable(z.string()),
    status: z.enum(INVOICE_STATUSES),
    statusLabel: z.string(),
    reminderCount: z.number().int(),
    dispatch: z.enum(['auto', 'manual']),
    issueDate: nullable(date),
    dueDate: date,
    currency,
    language: z.string(),
    netMinor: minor,
    taxMinor: minor,
    grossMinor: minor,
    paidMinor: minor,
    openMinor: minor,
    taxBreakdown: z.array(taxRate),
    referenceId: nullable(z.string()),
    opportunityId: nullable(z.string()),
    sourceKey: nullable(z.string()),
    notes: nullable(z.string()),
    issuedAt: nullable(z.string()),
    releasedAt: nullable(z.string()),
    cancelledAt: nullable(z.string()),
    createdAt: z.string(),
    lines: z.array(
      z.object({
        position: z.number().int(),
        productId: nullable(z.string()),
        description: z.string(),
        unit: z.string(),
        quantity: z.string(),
        quantityMilli: z.number().int(),
        unitPriceMinor: minor,
        discountBp: z.number().int(),
        taxRateBp: z.number().int(),
        netMinor: minor,
        taxMinor: minor,
        grossMinor: minor,
      }),
    ),
    parts: z.array(
      z.object({ kind: z.enum(PART_KINDS), amountMinor: minor, dueDate: date, paidMinor: minor, reminderCount: z.number().int(), lastReminderDate: nullable(date) }),
    ),
  })
  .meta({ id: 'Invoice' });

export const customerFields = {
  name: z.string().min(1),
  email: z.email().nullable(),
  language: z.string().min(2),
  currency,
  vatId: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as RO').nullable(),
  isBusiness: z.boolean(),
  creditLimitMinor: minor.nullable(),
  paymentTermDays: z.number().int().min(0).max(365),
  dunningDays1: z.number().int().min(0).nullable(),
  dunningDays2: z.number().int().min(0).nullable(),
  dunningDays3: z.number().int().min(0).nullable(),
  dispatchMode: z.enum(['auto', 'manual']),
  branchId: z.string().nullable(),
};

export const customerSchema = z
  .object({ id: z.string(), ...customerFields, createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Customer' });

export const contactFields = { name: z.string().min(1), email: z.email(), role: z.string().min(1) };
export const contactSchema = z.object({ id: z.string(), customerId: z.string(), ...contactFields, createdAt: z.string() }).meta({ id: 'Contact' });
