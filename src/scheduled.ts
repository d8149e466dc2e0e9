import type { Env } from "./env";
import { createDb } from "./db/client";
import { sql } from "drizzle-orm";

/** Cron: housekeeping that no request triggers. */
export async function runScheduled(env: Env, now: number): Promise<void> {
  const db = createDb(env.DB);
  // Expired login sessions and stale rate-limit windows.
  await db.batch([
    db.run(sql`DELETE FROM auth_sessions WHERE expires_at < ${now - 24 * 3600_000}`),
    db.run(sql`DELETE FROM rate_limits WHERE window_start < ${now - 3600_000}`),
  ]);
}
