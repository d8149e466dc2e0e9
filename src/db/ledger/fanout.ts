import { inArray } from "drizzle-orm";
import type { Db } from "../client";
import { merchants } from "../schema";
import type { LedgerBindings } from "../../env";
import { createLedgerDb, type LedgerDb } from "./client";
import { boundLedgers, ledgerDatabase } from "./placement";

/**
 * Reads that cross tenants (the platform operator, an ISV's merchants) ask each ledger database
 * they need at once: D1 runs one query at a time per database, so the ledgers answer side by
 * side and the slowest one sets the pace, not their sum.
 */

/** `read` on each ledger in `placements` (default: every bound ledger), in parallel; answers in that order. */
export function fanOut<T>(read: (ledger: LedgerDb, placement: number) => Promise<T>, placements?: readonly number[], bindings?: LedgerBindings): Promise<T[]> {
  const which = placements ?? boundLedgers(bindings);
  return Promise.all(which.map((p) => read(createLedgerDb(ledgerDatabase(p, bindings)), p)));
}

/**
 * `read` on the ledgers holding the given merchants, each with the ids of its own merchants only
 * (placements from the control plane), in parallel; the answers are concatenated. Unknown ids are
 * left out. `read` gets at most 90 ids at a time (D1 binds at most 100 parameters a statement).
 */
export async function fanOutToMerchants<T>(
  db: Db,
  merchantIds: readonly string[],
  read: (ledger: LedgerDb, merchantIds: string[], placement: number) => Promise<T[]>,
  bindings?: LedgerBindings,
): Promise<T[]> {
  const byLedger = new Map<number, string[]>();
  for (const ids of chunk([...new Set(merchantIds)], 90)) {
    const rows = await db.select({ id: merchants.id, ledger: merchants.ledger }).from(merchants).where(inArray(merchants.id, ids));
    for (const r of rows) byLedger.set(r.ledger, [...(byLedger.get(r.ledger) ?? []), r.id]);
  }
  const calls = [...byLedger].flatMap(([placement, ids]) => chunk(ids, 90).map((part) => ({ placement, part })));
  const answers = await Promise.all(calls.map(({ placement, part }) => read(createLedgerDb(ledgerDatabase(placement, bindings)), part, placement)));
  return answers.flat();
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
