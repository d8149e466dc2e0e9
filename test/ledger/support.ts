import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { createDb } from "../../src/db/client";
import { createLedgerDb, type LedgerDb } from "../../src/db/ledger/client";
import { boundLedgers, ledgerDatabase, placementOf } from "../../src/db/ledger/placement";
import type { LedgerScope } from "../../src/db/ledger/scope";
import { TenantScope } from "../../src/db/scope";
import { Guest, setupRestaurant, type Restaurant } from "../table/helpers";

/** Where the control plane says a merchant's ledger is. */
export const placementOfMerchant = (merchantId: string): Promise<number> => placementOf(createDb(env.DB), merchantId);

/** The ledger D1 database a merchant is placed in, raw: tests look at rows where they physically are. */
export async function ledgerD1Of(merchantId: string): Promise<D1Database> {
  return ledgerDatabase(await placementOfMerchant(merchantId), env);
}

/** A drizzle client over the merchant's ledger database (no tenant filter). */
export async function ledgerDbOf(merchantId: string): Promise<LedgerDb> {
  return createLedgerDb(await ledgerD1Of(merchantId));
}

/** The merchant's ledger as the application reaches it: through its tenant scope. */
export function ledgerScopeOf(merchantId: string): Promise<LedgerScope> {
  return new TenantScope(createDb(env.DB), merchantId).ledger();
}

/** How many of a merchant's rows each ledger database physically holds (no tenant filter but the WHERE). */
export async function rowsPerLedger(table: "table_sessions" | "order_rounds" | "order_items", merchantId: string): Promise<number[]> {
  return Promise.all(
    boundLedgers(env).map(async (p) => (await ledgerDatabase(p, env).prepare(`SELECT count(*) AS n FROM ${table} WHERE merchant_id = ?`).bind(merchantId).first<{ n: number }>())!.n),
  );
}

/** Restaurants signed up until two sit in different ledger databases (placement is least-loaded, so this takes two or three). */
export async function restaurantsInTwoLedgers(): Promise<[Restaurant, Restaurant]> {
  const seen = new Map<number, Restaurant>();
  for (let i = 0; i < 8 && seen.size < 2; i++) {
    const r = await setupRestaurant(1);
    const p = await placementOfMerchant(r.merchantId);
    if (!seen.has(p)) seen.set(p, r);
  }
  const [a, b] = [...seen.values()];
  if (!a || !b) throw new Error("every new merchant landed in the same ledger");
  return [a, b];
}

/** A guest at the restaurant's first table sends `rounds` rounds; answers once the ledger has them. */
export async function sendRounds(r: Restaurant, rounds: number): Promise<{ sessionId: string; roundIds: string[] }> {
  const g = new Guest();
  await g.join(r.tables[0]!.code);
  const roundIds: string[] = [];
  for (let i = 0; i < rounds; i++) {
    await g.add(i % 2 ? r.dish.cola : r.dish.burger, { quantity: i + 1 });
    const sent = await g.req("POST", "/session/rounds", {});
    if (sent.status !== 200) throw new Error(`round refused: ${sent.status} ${JSON.stringify(sent.body)}`);
    roundIds.push(sent.body.roundId as string);
  }
  // The outbox drains on the table's alarm; run it until the ledger has every round.
  const stub = env.TABLE.getByName(r.tables[0]!.id);
  for (let i = 0; i < 20; i++) {
    if ((await rowsPerLedger("order_rounds", r.merchantId)).reduce((a, b) => a + b, 0) >= rounds) break;
    await runDurableObjectAlarm(stub);
  }
  return { sessionId: g.sessionId, roundIds };
}
