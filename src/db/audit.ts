import type { Db } from "./client";
import { auditLog } from "./schema";
import { newId } from "../domain/ids";

export interface AuditEntry {
  action: string;
  merchantId?: string | null;
  isvId?: string | null;
  actorUserId?: string | null;
  target?: string;
  data?: Record<string, unknown>;
  ip?: string;
}

/** The insert for one audit entry; put it in the same `db.batch()` as the change it records. */
export const auditInsert = (db: Db, entry: AuditEntry) =>
  db.insert(auditLog).values({
    id: newId("aud"),
    merchantId: entry.merchantId ?? null,
    isvId: entry.isvId ?? null,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    target: entry.target ?? "",
    data: entry.data ?? {},
    ip: entry.ip ?? "",
    createdAt: Date.now(),
  });
