import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createAntomClient } from "../../../src/payments/antom/client";
import { loopbackFetch } from "../../../src/payments/sandbox/loopback";
import { cashierPay, choose, uniqueId } from "./support";

/** Our real Antom client, configured exactly as in development, reaching the sandbox through the loopback. */
const client = () =>
  createAntomClient({
    baseUrl: env.ANTOM_BASE_URL!,
    clientId: env.ANTOM_CLIENT_ID!,
    privateKey: env.ANTOM_MERCHANT_PRIVATE_KEY!,
    providerPublicKey: env.ANTOM_PUBLIC_KEY!,
    fetch: loopbackFetch(env),
  });

describe("our Antom client against the sandbox wallet (both sides' real code)", () => {
  it("pays, sees the wallet's answers verified, follows the guest's approval, and refunds", async () => {
    const antom = client();
    const req = cashierPay() as Parameters<typeof antom.pay>[0];
    const pay = await antom.pay(req);
    expect(pay.ok, JSON.stringify(pay)).toBe(true);
    if (!pay.ok) return;
    expect(pay.response.result.resultCode).toBe("PAYMENT_IN_PROCESS");
    expect(pay.response.normalUrl).toContain("/sandbox-wallet/pay/");

    const before = await antom.inquiryPayment({ paymentRequestId: req.paymentRequestId });
    expect(before.ok && before.response.paymentStatus).toBe("PROCESSING");

    await choose(pay.response.paymentId!, "approve");
    const after = await antom.inquiryPayment({ paymentId: pay.response.paymentId! });
    expect(after.ok && after.response.paymentStatus).toBe("SUCCESS");

    const refund = await antom.refund({ refundRequestId: uniqueId("refund"), paymentId: pay.response.paymentId!, refundAmount: { currency: "EUR", value: "450" } });
    expect(refund.ok && refund.response.result.resultStatus).toBe("S");
    const over = await antom.refund({ refundRequestId: uniqueId("refund"), paymentId: pay.response.paymentId!, refundAmount: { currency: "EUR", value: "2001" } });
    expect(over.ok && over.response.result.resultCode).toBe("REFUND_AMOUNT_EXCEED");
    if (refund.ok) {
      const q = await antom.inquiryRefund({ refundId: refund.response.refundId! });
      expect(q.ok && q.response.refundStatus).toBe("SUCCESS");
    }
  });

  it("refuses the wallet's answers when it holds another provider key", async () => {
    const { generateKeyPair } = await import("../../../scripts/dev-keys.mjs");
    const antom = createAntomClient({
      baseUrl: env.ANTOM_BASE_URL!,
      clientId: env.ANTOM_CLIENT_ID!,
      privateKey: env.ANTOM_MERCHANT_PRIVATE_KEY!,
      providerPublicKey: generateKeyPair().publicKey,
      fetch: loopbackFetch(env),
    });
    const res = await antom.inquiryPayment({ paymentRequestId: "any" });
    expect(res).toMatchObject({ ok: false, kind: "unverified", reason: "bad_signature" });
  });
});
