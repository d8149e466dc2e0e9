import { eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { DbVariables } from "./db";
import type { Env } from "../../env";
import { merchants } from "../../db/schema";
import type { MerchantRole } from "../../domain/accounts";
import { TenantScope } from "../../db/scope";
import { forbidden, notFound } from "../errors";
import { requireAuth, type AuthContext, type SessionVariables } from "./session";

export type { MerchantRole };

export interface MerchantAccess {
  merchantId: string;
  /** The role this user acts with here; ISV admins and platform admins act as owners. */
  role: MerchantRole;
  /** Set when the user's membership is limited to one store. */
  storeId: string | null;
  via: "membership" | "isv" | "platform";
}

/** What `requireMerchant` puts in context. */
export type TenantVariables = {
  /** The tenant every query of this request is limited to. */
  scope: TenantScope;
  access: MerchantAccess;
};
type TenantEnv = { Bindings: Env; Variables: DbVariables & SessionVariables & TenantVariables };

export const MANAGERS: MerchantRole[] = ["owner", "manager"];
export const OWNERS: MerchantRole[] = ["owner"];
export const STAFF: MerchantRole[] = ["owner", "manager", "waiter", "kitchen"];

/** What the signed-in user may do in a merchant, or null when it has no relation to it. */
export function accessTo(auth: AuthContext, merchant: { id: string; isvId: string | null }): MerchantAccess | null {
  if (auth.memberships.some((m) => m.role === "platform_admin")) {
    return { merchantId: merchant.id, role: "owner", storeId: null, via: "platform" };
  }
  const own = auth.memberships.find((m) => m.merchantId === merchant.id);
  if (own) return { merchantId: merchant.id, role: own.role as MerchantRole, storeId: own.storeId, via: "membership" };
  if (merchant.isvId && auth.memberships.some((m) => m.role === "isv_admin" && m.isvId === merchant.isvId)) {
    return { merchantId: merchant.id, role: "owner", storeId: null, via: "isv" };
  }
  return null;
}

/**
 * Resolves `:merchantId` from the path into the tenant scope every query of the request goes
 * through. A merchant the user has nothing to do with answers 404 (its existence is not
 * revealed); a role that is not in `allowed` answers 403; a `:storeId` other than the one a
 * store-limited membership allows answers 404.
 */
export const requireMerchant = (allowed: readonly MerchantRole[]) =>
  createMiddleware<TenantEnv>(async (c, next) => {
    const auth = requireAuth(c);
    const merchantId = c.req.param("merchantId") ?? "";
    const [merchant] = await c.var.db
      .select({ id: merchants.id, isvId: merchants.isvId })
      .from(merchants)
      .where(eq(merchants.id, merchantId))
      .limit(1);
    const access = merchant ? accessTo(auth, merchant) : null;
    if (!access) throw notFound("Merchant");
    if (!allowed.includes(access.role)) throw forbidden();
    // Staff limited to one store do not see the others' settings, tables or floor.
    const storeId = c.req.param("storeId");
    if (storeId && access.storeId && storeId !== access.storeId) throw notFound("Store");
    c.set("access", access);
    c.set("scope", new TenantScope(c.var.db, merchantId));
    await next();
  });
