import { env, exports } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { bills, payments } from "../../src/db/ledger/schema";
import { quote } from "../../src/domain/payments/reservations";
import { DEFAULT_PAYMENT_SETTINGS } from "../../src/domain/payments/settings";
import type { TableSession } from "../../src/table/table-session";
import { ledgerDbOf } from "../ledger/support";
import { outboxOf } from "./storage";
import { Guest, setupRestaurant, staffClient, type Restaurant } from "./helpers";

const stubOf = (tableId: string) => env.TABLE.getByName(tableId) as DurableObjectStub<TableSession>;
const caller = (g: Guest) => ({ kind: "guest" as const, sessionId: g.sessionId, dinerId: g.dinerId });

/** Two guests at one table, each with a dish sent to the kitchen. */
async function seatedWithRound(r: Restaurant) {
  const [a, b] = [new Guest(), new Guest()];
  await a.join(r.tables[0]!.code, "Ana");
  await b.join(r.tables[0]!.code, "Ben", a);
  await a.add(r.dish.steak);
  await b.add(r.dish.burger);
  expect((await a.req("POST", "/session/rounds", {})).status).toBe(200);
  return { a, b, stub: stubOf(a.tableId) };
}

async function drain(stub: DurableObjectStub<TableSession>) {
  for (let i = 0; i < 50 && (await outboxOf(stub)).length > 0; i++) {
    await runDurableObjectAlarm(stub);
    await new Promise((res) => setTimeout(res, 30));
  }
}

const none = { kind: "none" } as const;

/** The reply of a call that must succeed. */
function must<T extends { ok: boolean }>(reply: T): Extract<T, { ok: true }> {
  if (!reply.ok) throw new Error(`refused: ${JSON.stringify(reply)}`);
  return reply as Extract<T, { ok: true }>;
}

describe("paying at the table (the table object's side)", () => {
  it("a guest pays their own items; the other pays the rest; the bill closes and the table is free", async () => {
    const r = await setupRestaurant(1);
    const { a, b, stub } = await seatedWithRound(r);
    const bill = (await stub.billView(caller(a))) as Extract<Awaited<ReturnType<TableSession["billView"]>>, { ok: true }>;
    expect(bill.ok).toBe(true);
    const view = bill.bill!;
    expect(view.progress).toMatchObject({ status: "open", paid: 0, pending: 0 });
    const mine = view.state.bill.lines.filter((l) => l.dinerId === a.dinerId).map((l) => l.itemId);
    const priced = quote(view.state, { kind: "items", itemIds: mine });
    if (!priced.ok) throw new Error(priced.error.message);
    const amount = priced.value.amount;

    // A price the sheet did not show is refused; the shown one is reserved.
    const wrong = await stub.startPayment(caller(a), { request: { kind: "items", itemIds: mine }, tip: none, wallet: "ALIPAY_CN", shown: { amount: amount + 1, tip: 0 } });
    expect(wrong).toMatchObject({ ok: false, error: { code: "amount_changed" } });
    const started = must(await stub.startPayment(caller(a), { request: { kind: "items", itemIds: mine }, tip: { kind: "preset", bp: 1000 }, wallet: "ALIPAY_CN", shown: { amount, tip: Math.round(amount / 10) } }));
    const order = started.order;
    expect(order).toMatchObject({ amount, tip: Math.round(amount / 10), productCode: "CASHIER_PAYMENT", tableId: a.tableId });
    expect(order.id.startsWith(`pay.${a.tableId}.`)).toBe(true);

    // Ben cannot pay Ana's items while hers is pending; the whole bill is only what is left.
    expect(await stub.startPayment(caller(b), { request: { kind: "items", itemIds: mine }, tip: none, wallet: "ALIPAY_CN", shown: { amount, tip: 0 } })).toMatchObject({
      ok: false,
      error: { code: "item_taken" },
    });
    expect(await stub.paymentCreated(order.id, { ok: true, providerPaymentId: "prov_1", redirectUrl: "https://wallet.example/pay/1", codeValue: null })).toMatchObject({
      ok: true,
      payment: { status: "pending" },
    });

    // The provider's success for another amount changes nothing; the right one settles it, once.
    const charged = order.amount + order.tip;
    expect(await stub.paymentResult(order.id, { status: "succeeded", providerPaymentId: "prov_1", amount: charged + 1, currency: order.currency, paidAt: Date.now() })).toMatchObject({ outcome: "mismatch" });
    expect(await stub.paymentResult(order.id, { status: "succeeded", providerPaymentId: "prov_other", amount: charged, currency: order.currency, paidAt: Date.now() })).toMatchObject({ outcome: "mismatch" });
    const ok = { status: "succeeded" as const, providerPaymentId: "prov_1", amount: charged, currency: order.currency, paidAt: Date.now() };
    expect(await stub.paymentResult(order.id, ok)).toMatchObject({ outcome: "applied", payment: { status: "succeeded" } });
    expect(await stub.paymentResult(order.id, ok)).toMatchObject({ outcome: "duplicate" });
    expect(await stub.paymentResult("pay.other.x", ok)).toMatchObject({ outcome: "unknown" });
    const half = (await stub.billView(caller(b))) as { ok: true; bill: NonNullable<unknown> & { progress: { status: string; paid: number; remaining: number } } };
    expect(half.bill.progress).toMatchObject({ status: "partly_paid", paid: amount });

    // Ben pays what is left as the whole rest.
    const rest = half.bill.progress.remaining;
    const second = must(await stub.startPayment(caller(b), { request: { kind: "whole" }, tip: none, wallet: "ALIPAY_CN", shown: { amount: rest, tip: 0 } }));
    await stub.paymentCreated(second.order.id, { ok: true, providerPaymentId: "prov_2", redirectUrl: null, codeValue: null });
    expect(await stub.paymentResult(second.order.id, { status: "succeeded", providerPaymentId: "prov_2", amount: rest, currency: order.currency, paidAt: Date.now() })).toMatchObject({ outcome: "applied" });

    // Paid: the session closed, the table is free, a late duplicate is still recognised.
    const waiter = await staffClient(r, "waiter");
    expect((await waiter.get(`/api/merchants/${r.merchantId}/stores/${r.storeId}/floor/tables/${a.tableId}`)).body.view.status).toBe("free");
    const gone = await a.view();
    expect(gone.status).toBe(410);
    // A page coming back later (from the wallet) learns the session ended paid, and the bill for its receipt.
    expect(gone.body.error.details).toEqual({ paidBill: order.billId });
    expect(await stub.paymentResult(order.id, ok)).toMatchObject({ outcome: "duplicate" });
    expect(await stub.paymentOf(order.id)).toMatchObject({ payment: { status: "succeeded", amount } });

    // The ledger has the bill closed and both payments; what was captured is the bill plus tips.
    await drain(stub);
    const db = await ledgerDbOf(r.merchantId);
    const [billRow] = await db.select().from(bills).where(eq(bills.sessionId, a.sessionId));
    expect(billRow).toMatchObject({ status: "paid", paid: billRow!.total, tips: order.tip });
    expect(billRow!.closedAt).not.toBeNull();
    const rows = await db.select().from(payments).where(eq(payments.billId, billRow!.id));
    expect(rows.map((p) => p.state).sort()).toEqual(["succeeded", "succeeded"]);
    expect(rows.reduce((s, p) => s + p.charged, 0)).toBe(billRow!.total + billRow!.tips);

    // The guests' pages offer the receipt once the session ended paid; only for their own session's bill.
    const link = await a.req("GET", `/session/receipt/${billRow!.id}`);
    expect(link.status).toBe(200);
    expect(link.body.receiptUrl).toMatch(/^\/receipt\//);
    const ownPayment = await a.req("GET", `/session/payments/${order.id}`);
    expect(ownPayment.body.receiptUrl).toBe(link.body.receiptUrl);
    // And the payment's own receipt: what this guest paid, above the whole bill.
    expect(ownPayment.body.paymentReceiptUrl).toMatch(new RegExp(`^/receipt/${r.merchantId}/${billRow!.id.replace(".", "\\.")}/${order.id.replace(/\./g, "\\.")}\\?k=`));
    const own = await exports.default.fetch(`https://tableside.test${ownPayment.body.paymentReceiptUrl}`, { headers: { "accept-language": "en" } });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("This payment");
    expect((await a.req("GET", `/session/receipt/ses_someone_else.1`)).status).toBe(404);
    const page = await exports.default.fetch(`https://tableside.test${link.body.receiptUrl}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const line of billRow!.lines) expect(html).toContain(line.name);
  });

  it("a declined payment releases what it reserved, and the table may order again", async () => {
    const r = await setupRestaurant(1);
    const { a, b, stub } = await seatedWithRound(r);
    const v = (await stub.billView(caller(a))) as { ok: true; bill: { progress: { remaining: number } } };
    const input = { request: { kind: "whole" as const }, tip: none, wallet: "ALIPAY_CN" as const, shown: { amount: v.bill.progress.remaining, tip: 0 }, requestId: "req-1" };
    const started = must(await stub.startPayment(caller(a), input));
    // The answer was lost and the guest's page asks again with the same request id: the same payment, not a second one.
    expect(must(await stub.startPayment(caller(a), input)).order).toEqual(started.order);
    // While it is pending the cart is locked (pay after the meal) and nobody else can pay.
    expect((await b.add(r.dish.cola)).body.error.code).toBe("cart_locked");
    expect(await stub.startPayment(caller(b), { request: { kind: "amount", amount: 100 }, tip: none, wallet: "ALIPAY_CN", shown: { amount: 100, tip: 0 } })).toMatchObject({ ok: false });
    await stub.paymentCreated(started.order.id, { ok: true, providerPaymentId: "prov_9", redirectUrl: null, codeValue: null });
    expect(await stub.paymentResult(started.order.id, { status: "failed", providerPaymentId: "prov_9", code: "USER_BALANCE_NOT_ENOUGH", message: "declined" })).toMatchObject({
      outcome: "applied",
      payment: { status: "failed", reason: "USER_BALANCE_NOT_ENOUGH" },
    });
    const after = (await stub.billView(caller(b))) as { ok: true; bill: { progress: { pending: number; paid: number } } };
    expect(after.bill.progress).toMatchObject({ pending: 0, paid: 0 });
    expect((await b.add(r.dish.cola)).status).toBe(200);
    // A success for a payment that already failed is refused, not applied.
    expect(await stub.paymentResult(started.order.id, { status: "succeeded", providerPaymentId: "prov_9", amount: v.bill.progress.remaining, currency: "EUR", paidAt: Date.now() })).toMatchObject({
      outcome: "mismatch",
    });
  });

  it("ten guests paying their own items at the same moment each reserve exactly their own", async () => {
    const r = await setupRestaurant(1);
    const guests = Array.from({ length: 10 }, () => new Guest());
    await guests[0]!.join(r.tables[0]!.code, "G0");
    for (const [i, g] of guests.entries()) {
      if (i > 0) await g.join(r.tables[0]!.code, `G${i}`, guests[0]);
      await g.add(r.dish.cola);
    }
    expect((await guests[0]!.req("POST", "/session/rounds", {})).status).toBe(200);
    const stub = stubOf(guests[0]!.tableId);
    const view = ((await stub.billView(caller(guests[0]!))) as { ok: true; bill: { state: Parameters<typeof quote>[0] } }).bill;
    const results = await Promise.all(
      guests.map((g) => {
        const itemIds = view.state.bill.lines.filter((l) => l.dinerId === g.dinerId).map((l) => l.itemId);
        const q = quote(view.state, { kind: "items", itemIds });
        if (!q.ok) throw new Error(q.error.message);
        return stub.startPayment(caller(g), { request: { kind: "items", itemIds }, tip: none, wallet: "ALIPAY_CN", shown: { amount: q.value.amount, tip: 0 } });
      }),
    );
    expect(results.every((x) => x.ok)).toBe(true);
    const after = ((await stub.billView(caller(guests[0]!))) as { ok: true; bill: { progress: { pending: number; total: number; remaining: number } } }).bill.progress;
    expect(after.pending).toBe(after.total);
    expect(after.remaining).toBe(0);
  });

  it("pay after each round: each round's bill is paid on its own and the table stays open for the next", async () => {
    const r = await setupRestaurant(1);
    const settings = { ...DEFAULT_PAYMENT_SETTINGS, timing: "after_each_round" };
    await env.DB.prepare("UPDATE stores SET payment_settings = ? WHERE id = ?").bind(JSON.stringify(settings), r.storeId).run();
    const { a, stub } = await seatedWithRound(r);
    const payAll = async (providerPaymentId: string) => {
      const bill = must(await stub.billView(caller(a))).bill!;
      const started = must(await stub.startPayment(caller(a), { request: { kind: "whole" }, tip: none, wallet: "ALIPAY_CN", shown: { amount: bill.progress.remaining, tip: 0 } }));
      await stub.paymentCreated(started.order.id, { ok: true, providerPaymentId, redirectUrl: null, codeValue: null });
      const paid = { status: "succeeded" as const, providerPaymentId, amount: started.order.amount, currency: started.order.currency, paidAt: Date.now() };
      expect(await stub.paymentResult(started.order.id, paid)).toMatchObject({ outcome: "applied" });
      return { bill, order: started.order };
    };
    const first = await payAll("prov_r1");
    expect(first.bill.state.bill.lines).toHaveLength(2);
    // The first bill is closed; the session goes on and the next round starts a new bill.
    expect(must(await stub.billView(caller(a))).bill).toBeNull();
    await a.add(r.dish.cola);
    expect((await a.req("POST", "/session/rounds", {})).status).toBe(200);
    const second = await payAll("prov_r2");
    expect(second.bill.state.bill.lines.map((l) => l.name)).toEqual([expect.stringMatching(/cola/i)]);
    expect(second.order.billId).not.toBe(first.order.billId);
    expect((await a.view()).status).toBe(200);
    await drain(stub);
    const rows = await (await ledgerDbOf(r.merchantId)).select().from(bills).where(eq(bills.sessionId, a.sessionId));
    expect(rows.map((b) => [b.billNo, b.status]).sort()).toEqual([
      [1, "paid"],
      [2, "paid"],
    ]);
  });
});
