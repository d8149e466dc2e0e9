import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { payments } from "../../../src/db/ledger/schema";
import { newPaymentId } from "../../../src/domain/payments/ids";
import { Guest, setupRestaurant, type Restaurant } from "../../table/helpers";
import { ledgerScopeOf } from "../../ledger/support";
import { notificationsAbout, notify, paymentResult } from "./support";

interface Open {
  guest: Guest;
  id: string;
  providerPaymentId: string;
  charged: number;
}

/** A guest at the restaurant's first table with a round sent and a whole-bill payment pending at the sandbox wallet. */
async function openPayment(r: Restaurant, tip = 0): Promise<Open> {
  const guest = new Guest();
  await guest.join(r.tables[0]!.code);
  await guest.add(r.dish.steak);
  await guest.req("POST", "/session/rounds", {});
  const res = await guest.req("POST", "/session/payments", {
    request: { kind: "whole" },
    tip: tip ? { kind: "custom", amount: tip } : { kind: "none" },
    wallet: "CONNECT_WALLET",
    shown: { amount: 2400, tip },
  });
  if (res.status !== 201) throw new Error(`payment: ${res.status} ${JSON.stringify(res.body)}`);
  return { guest, id: res.body.payment.id, providerPaymentId: res.body.redirectUrl.split("/").pop(), charged: 2400 + tip };
}

const statusOf = async (o: Open) => (await o.guest.req("GET", `/session/payments/${o.id}`)).body.payment.status as string;

describe("notify endpoint: genuine notifications are applied once, checked against our own record", () => {
  let a: Restaurant;
  let b: Restaurant;
  beforeAll(async () => {
    [a, b] = [await setupRestaurant(1), await setupRestaurant(1)];
  });

  it("refuses an amount or currency other than ours (409), records why, and changes nothing", async () => {
    const o = await openPayment(a, 100);
    for (const wrong of [paymentResult(o.id, { value: 2400, paymentId: o.providerPaymentId }), paymentResult(o.id, { value: o.charged, currency: "USD", paymentId: o.providerPaymentId })]) {
      const res = await notify(wrong);
      expect(res.status).toBe(409);
      expect(res.body.result.resultStatus).toBe("F");
    }
    // A failure for another amount is not believed either.
    expect((await notify(paymentResult(o.id, { status: "F", value: 1, paymentId: o.providerPaymentId }))).status).toBe(409);
    expect(await statusOf(o)).toBe("pending");
    const rows = await notificationsAbout(a.merchantId, o.id);
    expect(rows.map((n) => n.verdict)).toEqual(["rejected", "rejected", "rejected"]);
    expect(rows.every((n) => /mismatch/.test(n.rejectReason ?? ""))).toBe(true);

    // The right one is then applied.
    expect((await notify(paymentResult(o.id, { value: o.charged, paymentId: o.providerPaymentId }))).status).toBe(200);
    expect(await statusOf(o)).toBe("succeeded");
  });

  it("ten identical notifications at once: all acknowledged, applied once, nine recorded as duplicates", async () => {
    const o = await openPayment(a);
    const body = JSON.stringify(paymentResult(o.id, { value: o.charged, paymentId: o.providerPaymentId }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => notify(body)));
    expect(answers.map((x) => x.status)).toEqual(Array(10).fill(200));
    expect(answers.every((x) => x.body.result.resultStatus === "S" && x.body.result.resultCode === "SUCCESS")).toBe(true);
    const rows = await notificationsAbout(a.merchantId, o.id);
    expect(rows.filter((n) => n.verdict === "accepted")).toHaveLength(1);
    expect(rows.filter((n) => n.verdict === "duplicate")).toHaveLength(9);
    expect(await statusOf(o)).toBe("succeeded");
    await env.TABLE.getByName(a.tables[0]!.id).drainOutbox();
    const ledger = await ledgerScopeOf(a.merchantId);
    const paid = await ledger.select(payments, eq(payments.id, o.id));
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ state: "succeeded", charged: o.charged, providerPaymentId: o.providerPaymentId });
  });

  it("replays: the same notification later is a duplicate (acknowledged, nothing changes); an old one is stale; a contrary one is refused", async () => {
    const o = await openPayment(a);
    const body = JSON.stringify(paymentResult(o.id, { value: o.charged, paymentId: o.providerPaymentId }));
    expect((await notify(body)).status).toBe(200);
    const again = await notify(body);
    expect(again.status).toBe(200);
    expect(again.body.result.resultStatus).toBe("S");
    expect((await notify(body, { time: new Date(Date.now() - 6 * 60_000).toISOString() })).status).toBe(400);
    // A genuine failure notice cannot undo a success.
    const contrary = await notify(paymentResult(o.id, { status: "F", value: o.charged, paymentId: o.providerPaymentId }));
    expect(contrary.status).toBe(409);
    expect(await statusOf(o)).toBe("succeeded");
    const rows = await notificationsAbout(a.merchantId, o.id);
    expect(rows.map((n) => n.verdict)).toEqual(["accepted", "duplicate", "rejected", "rejected"]);
    expect(rows[2]!.rejectReason).toMatch(/^stale/);
    // The session closed on that payment; a late duplicate is still recognised.
    expect((await notify(body)).status).toBe(200);
  });

  it("PAYMENT_PENDING is recorded and changes nothing", async () => {
    const o = await openPayment(a);
    const res = await notify(paymentResult(o.id, { type: "PAYMENT_PENDING", value: o.charged, paymentId: o.providerPaymentId }));
    expect(res.status).toBe(200);
    expect(await statusOf(o)).toBe("pending");
    expect((await notificationsAbout(a.merchantId, o.id)).map((n) => n.verdict)).toEqual(["accepted"]);
    // Settled so the next test starts a fresh session at this table.
    expect((await notify(paymentResult(o.id, { value: o.charged, paymentId: o.providerPaymentId }))).status).toBe(200);
  });

  it("cross-tenant: another merchant's provider payment id, or our payment id moved onto another merchant's table, changes nothing anywhere", async () => {
    const oa = await openPayment(a);
    const ob = await openPayment(b);
    // Genuinely signed, naming A's payment but carrying B's provider payment (and B's amount).
    const swapped = await notify(paymentResult(oa.id, { value: oa.charged, paymentId: ob.providerPaymentId }));
    expect(swapped.status).toBe(409);
    expect((await notificationsAbout(a.merchantId, oa.id))[0]!.rejectReason).toMatch(/^mismatch/);
    // A's random part under B's table: B's table object knows no such payment.
    const moved = newPaymentId(b.tables[0]!.id, oa.id.split(".").pop()!);
    const res = await notify(paymentResult(moved, { value: oa.charged, paymentId: oa.providerPaymentId }));
    expect(res.status).toBe(404);
    expect((await notificationsAbout(b.merchantId, moved))[0]).toMatchObject({ verdict: "rejected", rejectReason: "unknown_payment", paymentId: null });
    expect(await notificationsAbout(a.merchantId, moved)).toEqual([]);
    expect(await statusOf(oa)).toBe("pending");
    expect(await statusOf(ob)).toBe("pending");
  });
});
