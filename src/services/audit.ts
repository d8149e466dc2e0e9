import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "../db/client";
import type { TenantScope } from "../db/scope";
import { auditLog, users } from "../db/schema";
import { auditInsert } from "../db/audit";
import { newId } from "../domain/ids";
import { actorUserId, type Actor } from "./actor";

export interface AuditFields {
  action: string;
  target?: string;
  data?: Record<string, unknown>;
}

/**
 * The audit entry of a tenant change, written by the tenant's scope: services put it in the same
 * batch as the change it records (see `commit` in ./commit.ts), so it cannot be forgotten.
 */
export const tenantAudit = (scope: TenantScope, actor: Actor, entry: AuditFields) =>
  scope.insert(auditLog, {
    id: newId("aud"),
    isvId: null,
    actorUserId: actorUserId(actor),
    action: entry.action,
    target: entry.target ?? "",
    data: entry.data ?? {},
    ip: actor.ip ?? "",
    createdAt: Date.now(),
  });

/** An audit entry outside one tenant (the platform, an ISV, an account); control-plane services only. */
export const controlAudit = (db: Db, actor: Actor, entry: AuditFields & { merchantId?: string | null; isvId?: string | null }) =>
  auditInsert(db, { ...entry, actorUserId: actorUserId(actor), ip: actor.ip });

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
