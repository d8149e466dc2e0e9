import { describe, expect, it } from "vitest";
import { ack, alarmsUntil, call, cashierPay, choose, NOTIFY_URL, receiveNotifications, uniqueId } from "./support";

async function paidPayment(value = "2450") {
  const paid = await call("pay", cashierPay({ paymentAmount: { currency: "EUR", value }, order: { referenceOrderId: uniqueId("bill"), orderDescription: "Bill", orderAmount: { currency: "EUR", value } } }));
  await choose(paid.body.paymentId, "approve");
  return paid.body.paymentId as string;
}

const refund = (paymentId: string, value: string, extra: Record<string, unknown> = {}) => ({
  refundRequestId: uniqueId("refund"),
  paymentId,
  refundAmount: { currency: "EUR", value },
  refundReason: "cold soup",
  ...extra,
});

describe("sandbox wallet: refunds", () => {
  it("refunds part of a paid payment, answers inquiryRefund, and sends a signed notifyRefund", async () => {
    const received = await receiveNotifications([ack]);
    const paymentId = await paidPayment();
    const req = refund(paymentId, "900");
    const a = await call("refund", req);
    expect(a.body).toMatchObject({ result: { resultStatus: "S", resultCode: "SUCCESS" }, refundRequestId: req.refundRequestId, paymentId, refundAmount: req.refundAmount });
    expect(a.body.refundId).toBeTruthy();
    expect(a.signed).toBe(true);

    for (const by of [{ refundRequestId: req.refundRequestId }, { refundId: a.body.refundId }]) {
      const q = await call("inquiryRefund", by);
      expect(q.body).toMatchObject({ result: { resultStatus: "S" }, refundStatus: "SUCCESS", refundId: a.body.refundId, refundAmount: req.refundAmount });
    }

    await alarmsUntil(() => received.some((r) => JSON.parse(r.body).notifyType === "REFUND_RESULT"));
    const n = received.find((r) => JSON.parse(r.body).notifyType === "REFUND_RESULT")!;
    expect(n.verified).toBe(true);
    expect(n.url).toBe(NOTIFY_URL); // no refundNotifyUrl given: the payment's notify URL
    expect(JSON.parse(n.body)).toMatchObject({ refundStatus: "SUCCESS", refundRequestId: req.refundRequestId, refundId: a.body.refundId, paymentId, refundAmount: req.refundAmount });
  });

  it("never refunds more than was paid in total: REFUND_AMOUNT_EXCEED", async () => {
    const paymentId = await paidPayment("2000");
    expect((await call("refund", refund(paymentId, "1500"))).body.result.resultStatus).toBe("S");
    const over = await call("refund", refund(paymentId, "501"));
    expect(over.body.result).toMatchObject({ resultStatus: "F", resultCode: "REFUND_AMOUNT_EXCEED" });
    expect((await call("refund", refund(paymentId, "500"))).body.result.resultStatus).toBe("S");
    expect((await call("refund", refund(paymentId, "1"))).body.result.resultCode).toBe("REFUND_AMOUNT_EXCEED");
  });

  it("refuses another currency, a zero amount, an unpaid or unknown payment", async () => {
    const paymentId = await paidPayment();
    const usd = await call("refund", { ...refund(paymentId, "100"), refundAmount: { currency: "USD", value: "100" } });
    expect(usd.body.result.resultCode).toBe("CURRENCY_NOT_SUPPORT");
    expect((await call("refund", refund(paymentId, "0"))).body.result.resultCode).toBe("PARAM_ILLEGAL");
    const open = await call("pay", cashierPay());
    expect((await call("refund", refund(open.body.paymentId, "100"))).body.result).toMatchObject({ resultStatus: "F", resultCode: "PROCESS_FAIL" });
    expect((await call("refund", refund("sbx_unknown", "100"))).body.result.resultCode).toBe("ORDER_NOT_EXIST");
    expect((await call("inquiryRefund", { refundRequestId: "never" })).body.result.resultCode).toBe("ORDER_NOT_EXIST");
  });

  it("is idempotent by refundRequestId: same body replays, another body is REPEAT_REQ_INCONSISTENT, nothing refunded twice", async () => {
    const paymentId = await paidPayment("1000");
    const req = refund(paymentId, "600");
    const first = await call("refund", req);
    const again = await call("refund", req);
    expect(again.body).toEqual(first.body);
    const changed = await call("refund", { ...req, refundAmount: { currency: "EUR", value: "700" } });
    expect(changed.body.result.resultCode).toBe("REPEAT_REQ_INCONSISTENT");
    // Only 600 went back: 400 more fits, 401 does not.
    expect((await call("refund", refund(paymentId, "401"))).body.result.resultCode).toBe("REFUND_AMOUNT_EXCEED");
    expect((await call("refund", refund(paymentId, "400"))).body.result.resultStatus).toBe("S");
  });

  it("a refunded payment cannot be cancelled; a paid, unrefunded one can", async () => {
    const refunded = await paidPayment();
    await call("refund", refund(refunded, "100"));
    expect((await call("cancel", { paymentId: refunded })).body.result).toMatchObject({ resultStatus: "F", resultCode: "PROCESS_FAIL" });
    const paid = await paidPayment();
    expect((await call("cancel", { paymentId: paid })).body.result.resultStatus).toBe("S");
    expect((await call("inquiryPayment", { paymentId: paid })).body.paymentStatus).toBe("CANCELLED");
    expect((await call("refund", refund(paid, "100"))).body.result.resultCode).toBe("PROCESS_FAIL");
  });
});
