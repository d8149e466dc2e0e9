import { desc, eq } from "drizzle-orm";
import { batch, type Db } from "../db/client";
import { TenantScope } from "../db/scope";
import { withoutPlacement } from "../db/ledger/placement";
import { invitations as invitationsTable, isvs, memberships, merchants, stores, users } from "../db/schema";
import type { MerchantStatus } from "../domain/accounts";
import { hashPassword } from "../domain/passwords";
import { newId } from "../domain/ids";
import { announceStoreChange } from "../floor/announce";
import { forgetMerchant } from "../pages/cache";
import type { Env } from "../env";
import type { Actor } from "./actor";
import { controlAudit, tenantAudit } from "./audit";
import { notFound } from "./errors";
import { newInvitation } from "./invitations";

/** What the platform operator does: the first admin, ISVs, and suspending or reactivating tenants. */

/** Creates the platform admin if none exists yet; shared by the bootstrap route and the dev seed. */
export async function bootstrapPlatformAdmin(db: Db, input: { email: string; password: string; name?: string }, ip: string) {
  const [admin] = await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.role, "platform_admin")).limit(1);
  if (admin) return { created: false };
  const [existing] = await db.select().from(users).where(eq(users.email, input.email));
  const userId = existing?.id ?? newId("usr");
  const now = Date.now();
  const actor: Actor = { kind: "user", userId, name: input.name ?? "Platform admin", role: "platform_admin", storeId: null, ip };
  await batch(db, [
    ...(existing ? [] : [db.insert(users).values({ id: userId, email: input.email, name: input.name ?? "Platform admin", passwordHash: await hashPassword(input.password), createdAt: now })]),
    db.insert(memberships).values({ id: newId("mem"), userId, role: "platform_admin", createdAt: now }),
    controlAudit(db, actor, { action: "platform.bootstrapped", target: input.email }),
  ]);
  return { created: true };
}

export const listIsvs = (db: Db) => db.select().from(isvs).orderBy(desc(isvs.createdAt));

export const listMerchants = async (db: Db) => (await db.select().from(merchants).orderBy(desc(merchants.createdAt))).map(withoutPlacement);

/** A new ISV and the invitation for its admin. */
export async function createIsv(db: Db, actor: Actor, input: { name: string; commissionBps: number; adminEmail: string; adminName?: string }, origin: string) {
  const isv = { id: newId("isv"), name: input.name, commissionBps: input.commissionBps, status: "active" as const, createdAt: Date.now() };
  const { row, inviteUrl } = await newInvitation(actor, { email: input.adminEmail, name: input.adminName, role: "isv_admin", isvId: isv.id }, origin);
  await db.batch([db.insert(isvs).values(isv), db.insert(invitationsTable).values(row), controlAudit(db, actor, { action: "isv.created", isvId: isv.id, target: isv.id })]);
  return { isv, inviteUrl };
}

/**
 * Suspends a tenant (its guest pages and ordering stop) or reactivates it. The menu version bump
 * makes cached guest pages show the new status at once, and seated tables stop (or resume)
 * ordering now, not when a cache expires.
 */
export async function setMerchantStatus(db: Db, env: Pick<Env, "DB" | "FLOOR">, actor: Actor, merchantId: string, status: MerchantStatus) {
  const scope = new TenantScope(db, merchantId);
  if (!(await scope.merchantRow())) throw notFound("Merchant");
  await scope.batch([
    scope.updateMerchant({ status }, true),
    tenantAudit(scope, actor, { action: status === "active" ? "merchant.reactivated" : "merchant.suspended", target: merchantId }),
  ]);
  await forgetMerchant(merchantId);
  const storeIds = (await scope.pick({ id: stores.id }, stores)).map((s) => s.id);
  await announceStoreChange(env, merchantId, storeIds);
  return withoutPlacement((await scope.merchantRow())!);
}
