import { describe, expect, it } from "vitest";
import { createAntomClient, type AntomClientOptions } from "../../../src/payments/antom/client";
import { toAmount, type PayRequest } from "../../../src/payments/antom/messages";
import { parseSignatureHeader } from "../../../src/payments/antom/signature";
import { TEST_MERCHANT_PRIVATE_KEY, TEST_PROVIDER_PUBLIC_KEY } from "../fixtures/antom-openssl";
import { peerFetch, type Answer } from "./peer";

const NOW = 1_764_650_000_000;
const IN_PROCESS = { resultCode: "PAYMENT_IN_PROCESS", resultStatus: "U", resultMessage: "The payment is being processed." };
const SUCCESS = { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" };

const payRequest: PayRequest = {
  productCode: "CASHIER_PAYMENT",
  paymentRequestId: "pay_0001",
  order: {
    referenceOrderId: "bill_0001",
    orderDescription: "Table 4",
    orderAmount: toAmount(1250, "EUR"),
    merchant: { referenceMerchantId: "m_1", merchantName: "Chez Test", store: { referenceStoreId: "s_1", storeName: "Rive gauche" } },
  },
  paymentAmount: toAmount(1250, "EUR"),
  paymentMethod: { paymentMethodType: "CONNECT_WALLET" },
  paymentRedirectUrl: "https://tableside.test/t/abc/paid",
  paymentNotifyUrl: "https://tableside.test/api/payments/antom/notify",
  env: { terminalType: "WAP" },
};

const payAnswer = (overrides: Partial<Answer> = {}, body: object = {}): Answer => ({
  signWith: "provider",
  body: JSON.stringify({
    result: IN_PROCESS,
    paymentRequestId: "pay_0001",
    paymentId: "2026120200000001",
    paymentAmount: { currency: "EUR", value: "1250" },
    normalUrl: "https://wallet.test/pay?id=2026120200000001",
    ...body,
  }),
  ...overrides,
});

function client(fetch: typeof globalThis.fetch, options: Partial<AntomClientOptions> = {}) {
  return createAntomClient({
    baseUrl: "https://open-sea-global.alipay.test",
    clientId: "TEST_CLIENT_0001",
    privateKey: TEST_MERCHANT_PRIVATE_KEY,
    providerPublicKey: TEST_PROVIDER_PUBLIC_KEY,
    fetch,
    now: () => NOW,
    ...options,
  });
}

describe("requests are signed as the protocol says", () => {
  it("pay: POST to the endpoint with Client-Id, Request-Time (epoch ms), Signature over the exact body", async () => {
    const peer = peerFetch(() => payAnswer());
    const result = await client(peer.fetch).pay(payRequest);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.response.result.resultStatus).toBe("U");
    expect(result.response.normalUrl).toBe("https://wallet.test/pay?id=2026120200000001");
    expect(peer.received).toHaveLength(1);
    const [sent] = peer.received;
    expect(sent!.url).toBe("https://open-sea-global.alipay.test/ams/api/v1/payments/pay");
    expect(sent!.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    expect(sent!.headers.get("client-id")).toBe("TEST_CLIENT_0001");
    expect(sent!.headers.get("request-time")).toBe(String(NOW));
    expect(sent!.headers.get("signature")).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%_.!~*'()-]+$/);
    expect(sent!.signatureValid).toBe(true);
    expect(JSON.parse(sent!.body)).toEqual(payRequest);
  });

  it("a SANDBOX_ client id goes to /ams/sandbox/api and signs that path", async () => {
    const peer = peerFetch(() => payAnswer());
    const result = await client(peer.fetch, { clientId: "SANDBOX_5Y0566SG25J004124" }).pay(payRequest);
    expect(result.ok).toBe(true);
    expect(peer.received[0]!.path).toBe("/ams/sandbox/api/v1/payments/pay");
    expect(peer.received[0]!.signatureValid).toBe(true);
  });

  it("a base URL's own path is in the URL, not in the signed path (as the SDKs sign)", async () => {
    const peer = peerFetch(() => payAnswer(), { mount: "/sandbox-wallet" });
    const result = await client(peer.fetch, { baseUrl: "http://localhost:8787/sandbox-wallet/" }).pay(payRequest);
    expect(result.ok).toBe(true);
    expect(peer.received[0]!.url).toBe("http://localhost:8787/sandbox-wallet/ams/api/v1/payments/pay");
    expect(peer.received[0]!.path).toBe("/ams/api/v1/payments/pay");
    expect(peer.received[0]!.signatureValid).toBe(true);
  });

  it("every endpoint is signed and its verified response parsed", async () => {
    const answers: Record<string, object> = {
      "/ams/api/v1/payments/inquiryPayment": { result: SUCCESS, paymentStatus: "SUCCESS", paymentRequestId: "pay_0001", paymentAmount: { currency: "EUR", value: "1250" } },
      "/ams/api/v1/payments/cancel": { result: SUCCESS, paymentRequestId: "pay_0001", cancelTime: "2026-12-02T04:31:00+00:00" },
      "/ams/api/v1/payments/refund": { result: SUCCESS, refundRequestId: "ref_0001", refundId: "r1", paymentId: "p1", refundAmount: { currency: "EUR", value: "300" } },
      "/ams/api/v1/payments/inquiryRefund": { result: SUCCESS, refundStatus: "PROCESSING", refundRequestId: "ref_0001" },
    };
    const peer = peerFetch((r) => ({ signWith: "provider", body: JSON.stringify(answers[r.path]) }));
    const c = client(peer.fetch);

    const inquiry = await c.inquiryPayment({ paymentRequestId: "pay_0001" });
    const cancel = await c.cancel({ paymentRequestId: "pay_0001" });
    const refund = await c.refund({ refundRequestId: "ref_0001", paymentId: "p1", refundAmount: toAmount(300, "EUR") });
    const inquiryRefund = await c.inquiryRefund({ refundRequestId: "ref_0001" });

    expect(peer.received.map((r) => [r.path, r.signatureValid])).toEqual(Object.keys(answers).map((path) => [path, true]));
    expect(inquiry.ok && inquiry.response.paymentStatus).toBe("SUCCESS");
    expect(cancel.ok && cancel.response.cancelTime).toBe("2026-12-02T04:31:00+00:00");
    expect(refund.ok && refund.response.refundAmount).toEqual({ currency: "EUR", value: "300" });
    expect(inquiryRefund.ok && inquiryRefund.response.refundStatus).toBe("PROCESSING");
  });

  it("an F result is a verified response, not a transport failure", async () => {
    const peer = peerFetch(() => payAnswer({}, { result: { resultCode: "REPEAT_REQ_INCONSISTENT", resultStatus: "F", resultMessage: "Repeated requests are inconsistent." } }));
    const result = await client(peer.fetch).pay(payRequest);
    expect(result.ok && result.response.result).toEqual({ resultCode: "REPEAT_REQ_INCONSISTENT", resultStatus: "F", resultMessage: "Repeated requests are inconsistent." });
  });

  it("an invalid request is refused before anything is sent", async () => {
    const peer = peerFetch(() => payAnswer());
    const c = client(peer.fetch);
    const fractional = await c.pay({ ...payRequest, paymentAmount: { currency: "EUR", value: "12.50" } });
    const noId = await c.inquiryPayment({});
    expect(fractional).toMatchObject({ ok: false, kind: "invalid_request" });
    expect(noId).toMatchObject({ ok: false, kind: "invalid_request" });
    expect(peer.received).toHaveLength(0);
  });
});

describe("a response counts only when it is the provider's, verified", () => {
  it("refuses an unsigned response, however successful it says it is", async () => {
    const peer = peerFetch(() => payAnswer({ signWith: undefined }, { result: SUCCESS }));
    expect(await client(peer.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "unverified", reason: "missing_signature" });
  });

  it("refuses a response without response-time", async () => {
    const peer = peerFetch(() => payAnswer());
    const stripped: typeof fetch = async (input, init) => {
      const response = await peer.fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete("response-time");
      return new Response(response.body, { status: response.status, headers });
    };
    expect(await client(stripped).pay(payRequest)).toMatchObject({ ok: false, kind: "unverified", reason: "missing_signature" });
  });

  it("refuses a response signed with another key than the provider's", async () => {
    const peer = peerFetch(() => payAnswer({ signWith: "merchant" }));
    expect(await client(peer.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "unverified", reason: "bad_signature" });
  });

  it("refuses a response whose body was changed after signing", async () => {
    const genuine = payAnswer({}, { result: IN_PROCESS });
    const peer = peerFetch(() => ({ ...genuine, signedBody: genuine.body, body: genuine.body.replace("PAYMENT_IN_PROCESS", "SUCCESS").replace('"U"', '"S"') }));
    expect(await client(peer.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "unverified", reason: "bad_signature" });
  });

  it("refuses a response signed for another path (a signed refund answer is no pay answer)", async () => {
    const peer = peerFetch(() => payAnswer({ signedPath: "/ams/api/v1/payments/refund" }));
    expect(await client(peer.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "unverified", reason: "bad_signature" });
  });

  it("refuses a response naming another client", async () => {
    const peer = peerFetch(() => payAnswer({ clientId: "TEST_CLIENT_0002" }));
    expect(await client(peer.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "unverified", reason: "client_mismatch" });
  });

  it("refuses a genuine response to another request", async () => {
    const peer = peerFetch(() => payAnswer({}, { paymentRequestId: "pay_9999", result: SUCCESS }));
    expect(await client(peer.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "unverified", reason: "request_mismatch" });
  });

  it("accepts the header spelt with spaces and lower-case escapes, and an ISO response-time", async () => {
    const peer = peerFetch(() => payAnswer({ responseTime: "2019-05-28T12:12:14+08:00" }));
    const spaced: typeof fetch = async (input, init) => {
      const response = await peer.fetch(input, init);
      const headers = new Headers(response.headers);
      const value = parseSignatureHeader(headers.get("signature"))!.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
      headers.set("signature", `algorithm=RSA256, keyVersion=1, signature=${value}`);
      return new Response(response.body, { status: response.status, headers });
    };
    expect(await client(spaced).pay(payRequest)).toMatchObject({ ok: true });
  });

  it("a non-200 answer is a failure even when signed", async () => {
    const peer = peerFetch(() => payAnswer({ status: 500 }, { result: SUCCESS }));
    expect(await client(peer.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "http", status: 500 });
  });

  it("a signed body without result, or not JSON, is malformed", async () => {
    const noResult = peerFetch(() => ({ signWith: "provider", body: JSON.stringify({ paymentRequestId: "pay_0001", normalUrl: "https://x.test" }) }));
    const notJson = peerFetch(() => ({ signWith: "provider", body: "<html>gateway</html>" }));
    const badResult = peerFetch(() => ({ signWith: "provider", body: JSON.stringify({ result: { resultCode: "SUCCESS", resultStatus: "OK" } }) }));
    expect(await client(noResult.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "malformed" });
    expect(await client(notJson.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "malformed" });
    expect(await client(badResult.fetch).pay(payRequest)).toMatchObject({ ok: false, kind: "malformed" });
  });

  it("a network error is a transport failure", async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError("connection reset");
    };
    expect(await client(failing).pay(payRequest)).toEqual({ ok: false, kind: "transport", message: "connection reset" });
  });
});
