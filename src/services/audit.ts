import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "../db/client";
import type { TenantScope } from "../db/scope";
import { auditLog, users } from "../db/schema";
import { newId } from "../domain/ids";
import { actorUserId, type Actor } from "./actor";

export interface AuditFields {
  action: string;
  target?: string;
  data?: Record<string, unknown>;
}

/** The audit row for an entry by an actor (without its tenant: the scope stamps it, or the caller names it). */
const auditRow = (actor: Actor, entry: AuditFields) => ({
  id: newId("aud"),
  actorUserId: actorUserId(actor),
  action: entry.action,
  target: entry.target ?? "",
  data: entry.data ?? {},
  ip: actor.ip ?? "",
  createdAt: Date.now(),
});

/**
 * The audit entry of a tenant change, written by the tenant's scope: services put it in the same
 * batch as the change it records (see `commit` in ./commit.ts), so it cannot be forgotten.
 */
export const tenantAudit = (scope: TenantScope, actor: Actor, entry: AuditFields) => scope.insert(auditLog, { ...auditRow(actor, entry), isvId: null });

/** An audit entry outside one tenant's scope (the platform, an ISV, an account, a merchant being created); control-plane services only. */
export const controlAudit = (db: Db, actor: Actor, entry: AuditFields & { merchantId?: string | null; isvId?: string | null }) =>
  db.insert(auditLog).values({ ...auditRow(actor, entry), merchantId: entry.merchantId ?? null, isvId: entry.isvId ?? null });

export interface AuditPage {
  limit: number;
  /** createdAt of the last entry of the previous page. */
  before?: number;
  /** Its id, for entries of the same millisecond. */
  beforeId?: string;
}

/** The merchant's audit log, newest first, with the actor's email. */
export function auditEntries(scope: TenantScope, page: AuditPage) {
  const { before, beforeId } = page;
  const older =
    before === undefined
      ? undefined
      : beforeId
        ? or(lt(auditLog.createdAt, before), and(eq(auditLog.createdAt, before), lt(auditLog.id, beforeId)))
        : lt(auditLog.createdAt, before);
  return scope.pick(
    { id: auditLog.id, action: auditLog.action, actorEmail: users.email, target: auditLog.target, data: auditLog.data, ip: auditLog.ip, createdAt: auditLog.createdAt },
    auditLog,
    older,
    { joins: [{ table: users, on: eq(users.id, auditLog.actorUserId), left: true }], orderBy: [desc(auditLog.createdAt), desc(auditLog.id)], limit: page.limit },
  );
}
