import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { orderItems, orderRounds, tableSessions } from "../../src/db/ledger/schema";
import { ledgerScopeOf, placementOfMerchant, restaurantsInTwoLedgers, rowsPerLedger, sendRounds } from "./support";

/** env.LEDGER_0 / env.LEDGER_1 by number, as wrangler.toml binds them here. */
const ledgerByName = (placement: number): D1Database => [env.LEDGER_0, (env as unknown as { LEDGER_1: D1Database }).LEDGER_1][placement]!;
const countIn = async (placement: number, table: string, merchantId: string) =>
  (await ledgerByName(placement).prepare(`SELECT count(*) AS n FROM ${table} WHERE merchant_id = ?`).bind(merchantId).first<{ n: number }>())!.n;

describe("each merchant's ledger lives in its own ledger database", () => {
  it("two merchants placed apart write rounds through their tables, each into its own database, each seeing only its own", async () => {
    const [a, b] = await restaurantsInTwoLedgers();
    const [pa, pb] = [await placementOfMerchant(a.merchantId), await placementOfMerchant(b.merchantId)];
    expect(new Set([pa, pb])).toEqual(new Set([0, 1]));

    const sentA = await sendRounds(a, 2);
    const sentB = await sendRounds(b, 3);

    // Physically: queried on the bindings themselves, every row is in the merchant's database and none in the other.
    for (const [r, own, other, rounds] of [[a, pa, pb, 2], [b, pb, pa, 3]] as const) {
      expect(await countIn(own, "order_rounds", r.merchantId)).toBe(rounds);
      expect(await countIn(own, "table_sessions", r.merchantId)).toBe(1);
      expect(await countIn(own, "order_items", r.merchantId)).toBeGreaterThanOrEqual(rounds);
      for (const table of ["order_rounds", "table_sessions", "order_items"]) expect(await countIn(other, table, r.merchantId), `${table} in LEDGER_${other}`).toBe(0);
    }
    expect(await rowsPerLedger("order_rounds", a.merchantId)).toEqual(pa === 0 ? [2, 0] : [0, 2]);

    // Through the scope: each merchant's ledger answers with its own rounds only.
    const [ledgerA, ledgerB] = [await ledgerScopeOf(a.merchantId), await ledgerScopeOf(b.merchantId)];
    expect([ledgerA.placement, ledgerB.placement]).toEqual([pa, pb]);
    expect((await ledgerA.select(orderRounds)).map((x) => x.id).sort()).toEqual([...sentA.roundIds].sort());
    expect((await ledgerB.select(orderRounds)).map((x) => x.id).sort()).toEqual([...sentB.roundIds].sort());
    expect((await ledgerA.select(orderItems)).every((i) => i.merchantId === a.merchantId)).toBe(true);
    expect(await ledgerA.first(tableSessions, eq(tableSessions.id, sentB.sessionId))).toBeUndefined();
    expect(await ledgerB.first(tableSessions, eq(tableSessions.id, sentB.sessionId))).toMatchObject({ tableId: b.tables[0]!.id, storeId: b.storeId });
  });

  it("a table's history is looked up in its merchant's ledger: a row in another ledger database does not count", async () => {
    const [a, b] = await restaurantsInTwoLedgers();
    const [pa, pb] = [await placementOfMerchant(a.merchantId), await placementOfMerchant(b.merchantId)];
    const base = `/api/merchants/${a.merchantId}/stores/${a.storeId}/tables`;
    const insert = (placement: number, id: string, tableId: string) =>
      ledgerByName(placement)
        .prepare("INSERT INTO table_sessions (id, merchant_id, store_id, table_id, currency, opened_at) VALUES (?, ?, ?, ?, 'EUR', ?)")
        .bind(id, a.merchantId, a.storeId, tableId, Date.now())
        .run();

    const stray = (await a.client.post(base, { name: "Stray" })).body.table;
    await insert(pb, "ses_wrong_ledger", stray.id); // where this merchant's ledger is not
    expect((await a.client.del(`${base}/${stray.id}`)).status).toBe(200);

    const used = (await a.client.post(base, { name: "Used" })).body.table;
    await insert(pa, "ses_right_ledger", used.id);
    const refused = await a.client.del(`${base}/${used.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("table_has_history");
  });
});
