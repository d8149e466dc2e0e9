import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import type { Actor, TenantCall } from "../services/actor";
import { clientIp, requireAuth } from "./middleware/session";

/**
 * The signed-in user as a service actor; in a merchant route, with the role and store they act with
 * there. `ip: false` for the platform and partner-portal actions, whose audit entries never named one.
 */
export function actorOf(c: Context<AppEnv>, options: { ip?: boolean } = {}): Actor {
  const auth = requireAuth(c);
  const access = c.get("access") as AppEnv["Variables"]["access"] | undefined;
  const role = access?.role ?? (auth.memberships.some((m) => m.role === "platform_admin") ? "platform_admin" : auth.memberships.some((m) => m.role === "isv_admin") ? "isv_admin" : "waiter");
  return { kind: "user", userId: auth.user.id, name: auth.user.name, role, storeId: access?.storeId ?? null, ip: options.ip === false ? "" : clientIp(c) };
}

/** A tenant service call from a route behind `requireMerchant`: its scope, the caller and the bindings. */
export const callOf = (c: Context<AppEnv>): TenantCall => ({ scope: c.var.scope, actor: actorOf(c), env: c.env });
