import { env as workerEnv } from "cloudflare:workers";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { merchants } from "../schema";
import type { LedgerBindingName, LedgerBindings } from "../../env";

/**
 * Which ledger database holds a merchant's sessions and orders. Each merchant is placed once, when
 * it is created, in the ledger with the fewest merchants among the first LEDGER_COUNT (ties: the
 * lowest number), and the number is kept in `merchants.ledger`. Nothing moves a merchant
 * afterwards: raising LEDGER_COUNT sends new merchants to the new, emptier databases and leaves
 * every existing merchant (and its rows) where it is.
 *
 * `bindings` defaults to the Worker's own env (`cloudflare:workers`), so code that creates or
 * scopes a merchant does not have to carry it around.
 */

export const ledgerBindingName = (placement: number): LedgerBindingName => `LEDGER_${placement}`;

const bindingOf = (bindings: LedgerBindings, placement: number): D1Database | undefined =>
  (bindings as unknown as Partial<Record<LedgerBindingName, D1Database>>)[ledgerBindingName(placement)];

/** The D1 database of a placement; a placement without a binding is a configuration error. */
export function ledgerDatabase(placement: number, bindings: LedgerBindings = workerEnv): D1Database {
  const d1 = Number.isInteger(placement) && placement >= 0 ? bindingOf(bindings, placement) : undefined;
  if (!d1) throw new Error(`ledger database ${ledgerBindingName(placement)} is not bound (wrangler.toml)`);
  return d1;
}

/** Every bound ledger: LEDGER_0, LEDGER_1, … up to the first number without a binding. */
export function boundLedgers(bindings: LedgerBindings = workerEnv): number[] {
  const out: number[] = [];
  while (bindingOf(bindings, out.length)) out.push(out.length);
  return out;
}

/** How many ledgers take new merchants: LEDGER_COUNT, which must name bound databases only. */
export function openLedgerCount(bindings: LedgerBindings = workerEnv): number {
  const bound = boundLedgers(bindings).length;
  const raw = bindings.LEDGER_COUNT;
  const count = raw === undefined || raw === "" ? bound : Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > bound) {
    throw new Error(`LEDGER_COUNT is ${JSON.stringify(raw)} but LEDGER_0 … LEDGER_${bound - 1} are bound`);
  }
  return count;
}

/** The placement for a merchant about to be created: the open ledger with the fewest merchants. */
export async function choosePlacement(db: Db, bindings: LedgerBindings = workerEnv): Promise<number> {
  const count = openLedgerCount(bindings);
  if (count === 1) return 0;
  const rows = await db
    .select({ ledger: merchants.ledger, n: sql<number>`count(*)` })
    .from(merchants)
    .where(lt(merchants.ledger, count))
    .groupBy(merchants.ledger);
  const load = Array.from({ length: count }, (_, i) => Number(rows.find((r) => r.ledger === i)?.n ?? 0));
  return load.indexOf(Math.min(...load));
}

/** A merchant's recorded placement, from the control plane. */
export async function placementOf(db: Db, merchantId: string): Promise<number> {
  const [row] = await db.select({ ledger: merchants.ledger }).from(merchants).where(eq(merchants.id, merchantId)).limit(1);
  if (!row) throw new Error(`merchant ${merchantId} not found: no ledger placement`);
  return row.ledger;
}

/** A merchant row as the API shows it: the placement is internal and never leaves the Worker. */
export function withoutPlacement<T extends { ledger: number }>(row: T): Omit<T, "ledger"> {
  const { ledger: _ledger, ...rest } = row;
  return rest;
}
