import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createAntomClient } from "../../../src/payments/antom/client";
import { antomConfig } from "../../../src/payments/antom/config";
import { toAmount, type CashierPayRequest } from "../../../src/payments/antom/messages";
import { TEST_MERCHANT_PRIVATE_KEY, TEST_PROVIDER_PUBLIC_KEY } from "../fixtures/antom-openssl";

/**
 * Our client against the built-in sandbox wallet (the provider's side of the protocol, served by
 * the Worker under /sandbox-wallet), reached in-process: each side verifies the other's signatures.
 */

const config = antomConfig(env);
const viaWorker: typeof fetch = (input, init) => exports.default.fetch(new Request(input, init));
const client = (overrides: { privateKey?: string; providerPublicKey?: string } = {}) =>
  createAntomClient({ ...config, ...overrides, fetch: viaWorker });

let n = 0;
function cashier(amount: number): CashierPayRequest {
  const id = `interop_${Date.now()}_${++n}`;
  return {
    productCode: "CASHIER_PAYMENT",
    paymentRequestId: id,
    order: { referenceOrderId: id, orderDescription: "Table 7", orderAmount: toAmount(amount, "EUR"), merchant: { referenceMerchantId: "m_interop" } },
    paymentAmount: toAmount(amount, "EUR"),
    paymentMethod: { paymentMethodType: "CONNECT_WALLET" },
    paymentRedirectUrl: `${config.publicOrigin}/q/TEST/paid`,
    paymentNotifyUrl: `${config.publicOrigin}/api/payments/antom/notify`,
  };
}

describe("client ↔ sandbox wallet", () => {
  it("pay answers U with a wallet URL, verified; the same request again answers the same payment", async () => {
    const request = cashier(2_400);
    const first = await client().pay(request);
    expect(first).toMatchObject({ ok: true, response: { result: { resultStatus: "U", resultCode: "PAYMENT_IN_PROCESS" }, paymentRequestId: request.paymentRequestId } });
    if (!first.ok) return;
    expect(first.response.normalUrl).toMatch(/^https?:\/\//);
    const again = await client().pay(request);
    expect(again.ok && again.response.paymentId).toBe(first.response.paymentId);

    const inconsistent = await client().pay({ ...request, paymentAmount: toAmount(1, "EUR") });
    expect(inconsistent).toMatchObject({ ok: true, response: { result: { resultStatus: "F", resultCode: "REPEAT_REQ_INCONSISTENT" } } });
  });

  it("inquiry, cancel and inquiry again follow the payment", async () => {
    const request = cashier(900);
    const paid = await client().pay(request);
    expect(paid.ok).toBe(true);
    const pending = await client().inquiryPayment({ paymentRequestId: request.paymentRequestId });
    expect(pending.ok && pending.response.paymentStatus).toMatch(/^(PROCESSING|PENDING)$/);
    const cancel = await client().cancel({ paymentRequestId: request.paymentRequestId });
    expect(cancel).toMatchObject({ ok: true, response: { result: { resultStatus: "S" } } });
    const cancelled = await client().inquiryPayment({ paymentRequestId: request.paymentRequestId });
    expect(cancelled.ok && cancelled.response.paymentStatus).toBe("CANCELLED");
  });

  it("a request signed with a key the wallet does not know is answered F INVALID_SIGNATURE", async () => {
    const result = await client({ privateKey: TEST_MERCHANT_PRIVATE_KEY }).pay(cashier(100));
    expect(result).toMatchObject({ ok: true, response: { result: { resultStatus: "F", resultCode: "INVALID_SIGNATURE" } } });
  });

  it("answers the client cannot verify with the provider key it holds are refused", async () => {
    const result = await client({ providerPublicKey: TEST_PROVIDER_PUBLIC_KEY }).pay(cashier(100));
    expect(result).toMatchObject({ ok: false, kind: "unverified", reason: "bad_signature" });
  });
});
