import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bills, payments, refunds } from "../../../src/db/ledger/schema";
import { applyRefundNotification, merchantOfRefund, newRefundId } from "../../../src/services/refunds";
import { randomToken } from "../../../src/domain/ids";
import { addStaff } from "../../helpers/staff";
import { ledgerOf, newShop, paidInSandbox, sandboxClient, writeBill, type Shop } from "./support";

let shop: Shop;
const refundPath = (paymentId: string, s: Shop = shop) => `/api/merchants/${s.merchantId}/payments/${paymentId}/refunds`;

async function ledgerRows(merchantId: string, paymentId: string, billId: string) {
  const ledger = await ledgerOf(merchantId);
  return {
    payment: (await ledger.first(payments, eq(payments.id, paymentId)))!,
    bill: (await ledger.first(bills, eq(bills.id, billId)))!,
    refunds: await ledger.select(refunds, eq(refunds.paymentId, paymentId)),
  };
}

/** A bill paid in one payment that really succeeded at the sandbox wallet (bill part + tip). */
async function paidBill(tip = 500) {
  const { bill } = await writeBill(shop, []); // to learn the total
  const charged = bill.total + tip;
  const providerPaymentId = await paidInSandbox(charged);
  const written = await writeBill(shop, [{ amount: bill.total, tip, providerPaymentId }]);
  return { ...written, payment: written.payments[0]!, charged, providerPaymentId };
}

beforeAll(async () => {
  shop = await newShop();
});

describe("refunds from the console, through the sandbox wallet", () => {
  it("refunds one dish: the refund, the payment and the bill change together, and it is audited", async () => {
    const { billId, bill, payment, providerPaymentId } = await paidBill();
    const duck = bill.lines.find((l) => l.name === "Roast duck")!;
    const res = await shop.client.post(refundPath(payment.id), { amount: duck.due, reason: "Duck was cold" });
    expect(res.status).toBe(201);
    expect(res.body.refund).toMatchObject({ paymentId: payment.id, billId, amount: duck.due, currency: "EUR", state: "succeeded", reason: "Duck was cold" });
    expect(res.body.refund.providerRefundId).toBeTruthy();
    expect(res.body.payment).toMatchObject({ state: "partly_refunded", refunded: duck.due, refundable: payment.charged - duck.due });

    const rows = await ledgerRows(shop.merchantId, payment.id, billId);
    expect(rows.payment).toMatchObject({ state: "partly_refunded", refunded: duck.due });
    expect(rows.bill.refunded).toBe(duck.due);
    expect(rows.refunds).toHaveLength(1);
    expect(rows.refunds[0]).toMatchObject({ state: "succeeded", refundRequestId: res.body.refund.refundRequestId });
    expect(merchantOfRefund(res.body.refund.refundRequestId)).toBe(shop.merchantId);

    // The provider has it too, for exactly that amount.
    const asked = await sandboxClient().inquiryRefund({ refundRequestId: res.body.refund.refundRequestId });
    expect(asked.ok && asked.response).toMatchObject({ refundStatus: "SUCCESS", paymentId: providerPaymentId, refundAmount: { currency: "EUR", value: String(duck.due) } });

    const audit = await shop.client.get(`/api/merchants/${shop.merchantId}/audit`);
    expect(audit.body.entries.find((e: any) => e.action === "payment.refund_requested" && e.target === payment.id)).toMatchObject({
      data: { refundRequestId: res.body.refund.refundRequestId, amount: duck.due, currency: "EUR", billId },
    });
  });

  it("never refunds more than was paid: 409 refund_exceeds_paid, nothing written, nothing sent", async () => {
    const { billId, payment, charged } = await paidBill(0);
    const over = await shop.client.post(refundPath(payment.id), { amount: charged + 1, reason: "" });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: "refund_exceeds_paid", details: { refundable: charged } });
    expect((await ledgerRows(shop.merchantId, payment.id, billId)).refunds).toHaveLength(0);

    const part = await shop.client.post(refundPath(payment.id), { amount: charged - 100 });
    expect(part.body.refund.state).toBe("succeeded");
    const rest = await shop.client.post(refundPath(payment.id), { amount: 101 });
    expect(rest.status).toBe(409);
    expect(rest.body.error.details).toEqual({ refundable: 100 });
    const last = await shop.client.post(refundPath(payment.id), { amount: 100 });
    expect(last.status).toBe(201);
    expect(last.body.payment).toMatchObject({ state: "refunded", refunded: charged, refundable: 0 });
    const rows = await ledgerRows(shop.merchantId, payment.id, billId);
    expect(rows.payment).toMatchObject({ state: "refunded", refunded: charged });
    expect(rows.bill.refunded).toBe(charged);
    expect(rows.refunds.map((r) => r.state)).toEqual(["succeeded", "succeeded"]);
  });

  it("is idempotent by refundRequestId: the same id answers the same refund, never a second refund", async () => {
    const { billId, payment, charged } = await paidBill(0);
    const refundRequestId = newRefundId(shop.merchantId);
    const first = await shop.client.post(refundPath(payment.id), { amount: 1000, reason: "retry test", refundRequestId });
    const again = await shop.client.post(refundPath(payment.id), { amount: 1000, reason: "retry test", refundRequestId });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.refund).toEqual(first.body.refund);
    const rows = await ledgerRows(shop.merchantId, payment.id, billId);
    expect(rows.refunds).toHaveLength(1);
    expect(rows.payment.refunded).toBe(1000);
    // Only 1000 went back at the provider too: the rest fits exactly, one more unit does not.
    const direct = await sandboxClient().refund({ refundRequestId: `rfd_${randomToken(16)}`, paymentId: payment.providerPaymentId!, refundAmount: { currency: "EUR", value: String(charged - 1000 + 1) } });
    expect(direct.ok && direct.response.result.resultCode).toBe("REFUND_AMOUNT_EXCEED");

    // The same id for another amount, or for another payment, is refused.
    const changed = await shop.client.post(refundPath(payment.id), { amount: 999, refundRequestId });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("refund_mismatch");
    const other = await paidBill(0);
    const elsewhere = await shop.client.post(refundPath(other.payment.id), { amount: 1000, refundRequestId });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe("refund_mismatch");
  });

  it("refunds asked for at the same moment never pass what was paid, and the ones that fit all go through", async () => {
    const { billId, payment, charged } = await paidBill(0);
    const big = Math.ceil(charged * 0.6);
    const small = Math.ceil(charged * 0.3);
    const answers = await Promise.all([big, big, small].map((amount) => shop.client.post(refundPath(payment.id), { amount })));
    // Whatever order the three land in, one of the 60 % refunds cannot fit beside the other.
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body.error.code).toBe("refund_exceeds_paid");
    // What was still refundable when it was refused: with the other 60 % held, at most what is left beside it.
    expect(refused.body.error.details.refundable).toBeLessThanOrEqual(charged - big);
    const rows = await ledgerRows(shop.merchantId, payment.id, billId);
    expect(rows.payment.refunded).toBe(big + small);
    expect(rows.refunds.filter((r) => r.state === "succeeded").map((r) => r.amount).sort((x, y) => x - y)).toEqual([small, big]);
  });

  it("refuses a payment that has not succeeded, bad input, another merchant's id and the wrong roles", async () => {
    const { payments: [pending, failed] } = await writeBill(shop, [{ amount: 1000, state: "pending" }, { amount: 1000, state: "failed" }]);
    for (const p of [pending!, failed!]) {
      const res = await shop.client.post(refundPath(p.id), { amount: 100 });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("not_refundable");
    }
    const { payment } = await paidBill(0);
    for (const body of [{ amount: 0 }, { amount: -5 }, { amount: 12.5 }, {}, { amount: 100, reason: "x".repeat(257) }, { amount: 100, refundRequestId: "short" }]) {
      const res = await shop.client.post(refundPath(payment.id), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    const foreignId = newRefundId("mer_someoneelse000000000");
    const foreign = await shop.client.post(refundPath(payment.id), { amount: 100, refundRequestId: foreignId });
    expect(foreign.status).toBe(400);
    for (const role of ["waiter", "kitchen"] as const) {
      const staff = await addStaff(shop, role);
      const res = await staff.post(refundPath(payment.id), { amount: 100 });
      expect(res.status).toBe(403);
    }
    const manager = await addStaff(shop, "manager");
    expect((await manager.post(refundPath(payment.id), { amount: 100 })).status).toBe(201);
  });

  it("another merchant cannot refund this merchant's payment (404)", async () => {
    const { billId, payment } = await paidBill(0);
    const other = await newShop();
    expect((await other.client.post(refundPath(payment.id), { amount: 100 })).status).toBe(404);
    expect((await other.client.post(refundPath(payment.id, other), { amount: 100 })).status).toBe(404);
    expect((await ledgerRows(shop.merchantId, payment.id, billId)).refunds).toHaveLength(0);
  });
});

describe("applyRefundNotification (REFUND_RESULT from the notify route)", () => {
  const notice = (refundRequestId: string, value: number, over: Record<string, unknown> = {}) => ({
    notifyType: "REFUND_RESULT" as const,
    result: { resultCode: "SUCCESS", resultStatus: "S" as const, resultMessage: "success" },
    refundStatus: "SUCCESS" as const,
    refundRequestId,
    refundId: `sbx_rfd_${randomToken(8)}`,
    refundAmount: { currency: "EUR", value: String(value) },
    ...over,
  });

  it("settles a refund left pending, once; a repeat is a duplicate and changes nothing", async () => {
    const { billId, payment } = await paidBill(0);
    const ledger = await ledgerOf(shop.merchantId);
    const id = newRefundId(shop.merchantId);
    const now = Date.now();
    await ledger.batch([
      ledger.insert(refunds, [{ id, storeId: shop.storeId, paymentId: payment.id, billId, refundRequestId: id, providerRefundId: null, amount: 700, currency: "EUR", state: "pending", reason: "", actor: "usr_x", createdAt: now, updatedAt: now }]),
    ]);
    const n = notice(id, 700, { paymentId: payment.providerPaymentId });
    const results = await Promise.all([applyRefundNotification(env, n), applyRefundNotification(env, n), applyRefundNotification(env, n)]);
    expect(results.filter((r) => r.outcome === "applied")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(2);
    expect(results[0]).toMatchObject({ merchantId: shop.merchantId, storeId: shop.storeId, paymentId: payment.id });
    const rows = await ledgerRows(shop.merchantId, payment.id, billId);
    expect(rows.payment).toMatchObject({ refunded: 700, state: "partly_refunded" });
    expect(rows.bill.refunded).toBe(700);
    expect(rows.refunds[0]).toMatchObject({ state: "succeeded", providerRefundId: n.refundId });
  });

  it("refuses what contradicts our record, and knows no one else's ids", async () => {
    const { billId, payment } = await paidBill(0);
    const made = await shop.client.post(refundPath(payment.id), { amount: 300 });
    const id = made.body.refund.refundRequestId;
    const refundId = made.body.refund.providerRefundId;
    expect((await applyRefundNotification(env, notice(id, 300, { refundId }))).outcome).toBe("duplicate");
    expect(await applyRefundNotification(env, notice(id, 300))).toMatchObject({ outcome: "mismatch", detail: "illegal_transition" });
    expect(await applyRefundNotification(env, notice(id, 301))).toMatchObject({ outcome: "mismatch", detail: "amount_mismatch" });
    expect(await applyRefundNotification(env, notice(id, 300, { refundAmount: { currency: "USD", value: "300" } }))).toMatchObject({ outcome: "mismatch" });
    expect(await applyRefundNotification(env, notice(id, 300, { paymentId: "someone_elses_payment" }))).toMatchObject({ outcome: "mismatch", detail: "payment_mismatch" });
    // A FAIL for a refund that succeeded cannot take it back.
    expect((await applyRefundNotification(env, notice(id, 300, { refundStatus: "FAIL", result: { resultCode: "PROCESS_FAIL", resultStatus: "F", resultMessage: "" } }))).outcome).toBe("mismatch");
    expect((await applyRefundNotification(env, notice(`rfd_${randomToken(16)}`, 300))).outcome).toBe("unknown");
    expect((await applyRefundNotification(env, notice(newRefundId(shop.merchantId), 300))).outcome).toBe("unknown");
    expect((await applyRefundNotification(env, notice(newRefundId("mer_nobody00000000000000"), 300))).outcome).toBe("unknown");
    const rows = await ledgerRows(shop.merchantId, payment.id, billId);
    expect(rows.payment.refunded).toBe(300);
    expect(rows.refunds.map((r) => r.state)).toEqual(["succeeded"]);
  });

  it("a FAIL for a pending refund releases its hold: the amount can be refunded again", async () => {
    const { billId, payment, charged } = await paidBill(0);
    const ledger = await ledgerOf(shop.merchantId);
    const id = newRefundId(shop.merchantId);
    const now = Date.now();
    await ledger.batch([
      ledger.insert(refunds, [{ id, storeId: shop.storeId, paymentId: payment.id, billId, refundRequestId: id, amount: charged, currency: "EUR", state: "pending", reason: "", actor: "usr_x", createdAt: now, updatedAt: now }]),
    ]);
    expect((await shop.client.post(refundPath(payment.id), { amount: 1 })).status).toBe(409);
    const fail = notice(id, charged, { refundStatus: "FAIL", result: { resultCode: "REFUND_WINDOW_EXCEED", resultStatus: "F", resultMessage: "" } });
    expect((await applyRefundNotification(env, fail)).outcome).toBe("applied");
    const rows = await ledgerRows(shop.merchantId, payment.id, billId);
    expect(rows.refunds[0]).toMatchObject({ state: "failed", failureCode: "REFUND_WINDOW_EXCEED" });
    expect(rows.payment.refunded).toBe(0);
    expect((await shop.client.post(refundPath(payment.id), { amount: 1 })).status).toBe(201);
  });
});
