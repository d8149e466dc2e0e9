import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { count, inArray } from "drizzle-orm";
import { createDb } from "../../src/db/client";
import { fanOut, fanOutToMerchants } from "../../src/db/ledger/fanout";
import { orderRounds } from "../../src/db/ledger/schema";
import { placementOfMerchant, restaurantsInTwoLedgers, sendRounds } from "./support";

describe("reads across tenants fan out to the ledgers", () => {
  it("fanOut asks every ledger database and answers in placement order", async () => {
    const [a, b] = await restaurantsInTwoLedgers();
    const [pa, pb] = [await placementOfMerchant(a.merchantId), await placementOfMerchant(b.merchantId)];
    await sendRounds(a, 1);
    await sendRounds(b, 2);
    const counts = await fanOut(async (ledger, placement) => {
      const [row] = await ledger.select({ n: count() }).from(orderRounds).where(inArray(orderRounds.merchantId, [a.merchantId, b.merchantId]));
      return { placement, n: row!.n };
    });
    expect(counts.map((c) => c.placement)).toEqual([0, 1]);
    expect(counts[pa]!.n).toBe(1);
    expect(counts[pb]!.n).toBe(2);
  });

  it("the ledgers are asked side by side, not one after another", async () => {
    let started = 0;
    let release!: () => void;
    const allStarted = new Promise<void>((r) => (release = r));
    const answers = await fanOut(async (ledger, placement) => {
      if (++started === 2) release();
      // Each read waits until both have started: asked one after another, the first would wait forever.
      await Promise.race([allStarted, new Promise((_, fail) => setTimeout(() => fail(new Error("ledgers asked one after another")), 3000))]);
      const [row] = await ledger.select({ n: count() }).from(orderRounds);
      return [placement, typeof row!.n];
    });
    expect(answers).toEqual([[0, "number"], [1, "number"]]);
  });

  it("fanOutToMerchants asks each ledger about its own merchants only (an ISV's merchants, say)", async () => {
    const [a, b] = await restaurantsInTwoLedgers();
    const [pa, pb] = [await placementOfMerchant(a.merchantId), await placementOfMerchant(b.merchantId)];
    const sentA = await sendRounds(a, 2);
    const sentB = await sendRounds(b, 1);
    const asked: [number, string[]][] = [];
    const rounds = await fanOutToMerchants(createDb(env.DB), [a.merchantId, b.merchantId, "mer_unknown"], async (ledger, ids, placement) => {
      asked.push([placement, ids]);
      return ledger.select().from(orderRounds).where(inArray(orderRounds.merchantId, ids));
    });
    expect(asked.sort()).toEqual([[pa, [a.merchantId]], [pb, [b.merchantId]]].sort());
    expect(rounds.map((r) => r.id).sort()).toEqual([...sentA.roundIds, ...sentB.roundIds].sort());
  });
});
