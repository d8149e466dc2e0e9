import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** Adds one to a fixed-window counter, starting a new window when the old one has passed. */
export async function bumpCount(db: Db, key: string, windowMs: number, now = Date.now()): Promise<number> {
  const row = await db.get<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT(key) DO UPDATE SET
      count = CASE WHEN window_start <= ${now - windowMs} THEN 1 ELSE count + 1 END,
      window_start = CASE WHEN window_start <= ${now - windowMs} THEN ${now} ELSE window_start END
    RETURNING count`);
  return row.count;
}

export async function resetCount(db: Db, key: string): Promise<void> {
  await db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}

/** Takes one back from a counter (an attempt that turned out not to count). */
export async function dropCount(db: Db, key: string): Promise<void> {
  await db.run(sql`UPDATE rate_limits SET count = count - 1 WHERE key = ${key} AND count > 0`);
}
