import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** A drizzle client over one ledger database (its schema only: the control plane is db/client.ts). */
export const createLedgerDb = (d1: D1Database) => drizzle(d1, { schema });
export type LedgerDb = ReturnType<typeof createLedgerDb>;
