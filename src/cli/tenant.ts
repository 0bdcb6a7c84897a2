import type { Db } from '../platform/db.js';

/** The tenant named by --tenant (slug or id), or the only one; the error lists the choices. */
export async function pickTenant(db: Db, slug: string | undefined): Promise<{ id: string; slug: string }> {
  const tenants = await db.tenant.findMany({ select: { id: true, slug: true }, orderBy: { slug: 'asc' } });
  if (slug) {
    const found = tenants.find((t) => t.slug === slug || t.id === slug);
    if (!found) throw new Error(`no tenant "${slug}"; tenants: ${tenants.map((t) => t.slug).join(', ') || '(none)'}`);
    return found;
  }
  if (tenants.length === 1) return tenants[0]!;
  throw new Error(tenants.length ? `several tenants: name one with --tenant (${tenants.map((t) => t.slug).join(', ')})` : 'the database has no tenant yet');
}
