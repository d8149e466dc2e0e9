import type { Env } from "../env";
import type { TenantScope } from "../db/scope";

import type { Role } from "../domain/accounts";

export type ActorRole = Role;

/**
 * Who asks a service for something: a signed-in user acting with a role (in a merchant, the role
 * they act with there, and the one store they are limited to, if any), or the system itself
 * (a partner API key, a webhook, the cron job). The audit log records it. A null role: the user
 * acts on their own account only (signing in, accepting an invitation).
 */
export type Actor =
  | { kind: "user"; userId: string; name: string; role: ActorRole | null; storeId: string | null; ip: string }
  | { kind: "system"; name: string; ip?: string };

export const systemActor = (name: string, ip?: string): Actor => ({ kind: "system", name, ...(ip ? { ip } : {}) });

export const actorUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);

/** The store a user is limited to (null: every store of the merchant). */
export const actorStore = (actor: Actor): string | null => (actor.kind === "user" ? actor.storeId : null);

/** What a tenant service needs: the tenant's scope, who asks, and the bindings it announces changes through. */
export interface TenantCall {
  scope: TenantScope;
  actor: Actor;
  env: Pick<Env, "DB" | "FLOOR" | "MEDIA">;
}
