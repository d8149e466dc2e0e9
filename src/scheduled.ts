import type { Env } from "./env";
import { createDb } from "./db/client";
import { sql } from "drizzle-orm";
import { reconcilePayments } from "./payments/reconcile";

/**
 * Cron: housekeeping that no request triggers.
 *
 * Idle table sessions and table outboxes are not swept from here: each table object's own alarm
 * does that, and the object makes sure the alarm cannot be lost (src/table/table-session.ts):
 * its alarm handler never throws (the runtime drops an alarm that keeps throwing) and always sets
 * the next one; waking for any reason re-arms a missing alarm; and a guest joining closes an
 * expired session first, so a new party never lands in an old one even if an alarm ran late.
 * A sweep from here could only find sessions through D1, which knows nothing of a session until
 * its first round and nothing of an outbox entry until it is written.
 */
export async function runScheduled(env: Env, now: number): Promise<void> {
  const db = createDb(env.DB);
  // Expired login sessions and stale rate-limit windows.
  // (Not a db.batch: drizzle's D1 batch takes query builders, and db.run already runs its statement.)
  await db.run(sql`DELETE FROM auth_sessions WHERE expires_at < ${now - 24 * 3600_000}`);
  await db.run(sql`DELETE FROM rate_limits WHERE window_start < ${now - 3600_000}`);
  // Payments pending past their expiry: asked about at the provider, settled or cancelled (payments/reconcile.ts).
  await reconcilePayments(env, now);
}
