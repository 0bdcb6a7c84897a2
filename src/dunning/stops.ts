// Dunning stops (disputed, instalments agreed): per invoice and per customer, with a
// reason, audited. A stopped item shows up in previews as held, with the reason.
import type { DunningContext } from './context.js';
import { DunningError } from './context.js';

export type StopTarget = { kind: 'invoice' | 'customer'; tenantId: string; id: string };

/** Sets (reason) or lifts (null) a stop; returns the stop now in force. */
export async function setDunningStop(ctx: DunningContext, target: StopTarget, reason: string | null): Promise<{ id: string; dunningStop: string | null }> {
  return ctx.db.$transaction(async (tx) => {
    const where = { id: target.id, tenantId: target.tenantId };
    const before = target.kind === 'invoice' ? await tx.invoice.findFirst({ where, select: { dunningStop: true } }) : await tx.customer.findFirst({ where, select: { dunningStop: true } });
    if (!before) throw new DunningError('not_found', `no ${target.kind} ${target.id}`);
    if (before.dunningStop === reason) return { id: target.id, dunningStop: reason };
    if (target.kind === 'invoice') await tx.invoice.update({ where: { id: target.id }, data: { dunningStop: reason } });
    else await tx.customer.update({ where: { id: target.id }, data: { dunningStop: reason } });
    await tx.auditEvent.create({
      data: { tenantId: target.tenantId, entity: target.kind, entityId: target.id, action: reason === null ? 'dunning-stop-lifted' : 'dunning-stop-set', actor: ctx.actor, data: { from: before.dunningStop, to: reason } },
    });
    return { id: target.id, dunningStop: reason };
  });
}
