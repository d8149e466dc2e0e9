import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export const createDb = (d1: D1Database) => drizzle(d1, { schema });
export type Db = ReturnType<typeof createDb>;

type BatchItem = Parameters<Db["batch"]>[0][number];

/** `db.batch()` for a list built at run time (drizzle's own signature wants a literal tuple). */
export function batch(db: Db, statements: BatchItem[]) {
  const [first, ...rest] = statements;
  if (!first) throw new Error("batch: no statements");
  return db.batch([first, ...rest]);
}
