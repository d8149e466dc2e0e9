import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { generateKeyPair } from "../../../scripts/dev-keys.mjs";
import { answerSigned, call, cashierPay, ORIGIN, orderCodePay } from "./support";

describe("sandbox wallet: request signatures", () => {
  it("accepts a request signed with the merchant key and signs its answer with its own", async () => {
    const req = cashierPay();
    const a = await call("pay", req);
    expect(a.status).toBe(200);
    expect(a.body.result).toEqual({ resultCode: "PAYMENT_IN_PROCESS", resultStatus: "U", resultMessage: "The payment is being processed." });
    expect(a.signed).toBe(true);
    expect(a.headers.get("client-id")).toBe(env.ANTOM_CLIENT_ID);
    expect(a.headers.get("signature")).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
    expect(a.body.paymentRequestId).toBe(req.paymentRequestId);
    expect(a.body.paymentAmount).toEqual({ currency: "EUR", value: "2450" });
    expect(a.body.normalUrl).toBe(`${ORIGIN}/sandbox-wallet/pay/${a.body.paymentId}`);
    expect(a.body.redirectActionForm).toEqual({ method: "GET", redirectUrl: a.body.normalUrl });
  });

  it("verifies the answer's signature against the exact bytes: a changed body or path fails", async () => {
    const a = await call("inquiryPayment", { paymentRequestId: "never-sent" });
    expect(a.signed).toBe(true);
    expect(await answerSigned(a.headers, "/ams/sandbox/api/v1/payments/inquiryPayment", a.raw + " ")).toBe(false);
    expect(await answerSigned(a.headers, "/ams/api/v1/payments/inquiryPayment", a.raw)).toBe(false);
  });

  it("serves the live path too, and accepts a signature over the full path below the origin", async () => {
    const live = await call("/ams/api/v1/payments/inquiryPayment", { paymentRequestId: "x" });
    expect(live.body.result.resultCode).toBe("ORDER_NOT_EXIST");
    expect(live.signed).toBe(true);
    const full = "/sandbox-wallet/ams/sandbox/api/v1/payments/inquiryPayment";
    const a = await call("inquiryPayment", { paymentRequestId: "x" }, { signPath: full });
    expect(a.body.result.resultCode).toBe("ORDER_NOT_EXIST");
    expect(a.signed).toBe(true); // signed back over the same full path
  });

  it("refuses a bad signature with F INVALID_SIGNATURE and creates nothing", async () => {
    const req = cashierPay();
    const tampered = await call("pay", req, { signBody: JSON.stringify({ ...req, paymentAmount: { currency: "EUR", value: "1" } }) });
    expect(tampered.body.result).toMatchObject({ resultCode: "INVALID_SIGNATURE", resultStatus: "F" });
    expect(tampered.signed).toBe(true);

    const otherKey = await call("pay", req, { privateKey: generateKeyPair().privateKey });
    expect(otherKey.body.result.resultCode).toBe("INVALID_SIGNATURE");
    const none = await call("pay", req, { signature: null });
    expect(none.body.result.resultCode).toBe("INVALID_SIGNATURE");
    const garbage = await call("pay", req, { signature: "not%20base64!!" });
    expect(garbage.body.result.resultCode).toBe("INVALID_SIGNATURE");
    const wrongTime = await call("pay", req, { time: "2019-05-28T12:12:12+08:00" });
    expect(wrongTime.body.result.resultCode).toBe("PAYMENT_IN_PROCESS"); // Request-Time is opaque to the wallet: signed, either format

    // Only the last, valid one made a payment: the refused ones left no trace of this id.
    const inquiry = await call("inquiryPayment", { paymentRequestId: req.paymentRequestId });
    expect(inquiry.body.paymentStatus).toBe("PROCESSING");
  });

  it("rejects a signature made for another path (a replay to a different endpoint)", async () => {
    const a = await call("inquiryPayment", { paymentRequestId: "x" }, { signPath: "/ams/sandbox/api/v1/payments/cancel" });
    expect(a.body.result.resultCode).toBe("INVALID_SIGNATURE");
  });

  it("refuses an unknown client with F INVALID_CLIENT", async () => {
    const a = await call("pay", cashierPay(), { clientId: "SANDBOX_SOMEONE_ELSE" });
    expect(a.body.result).toMatchObject({ resultCode: "INVALID_CLIENT", resultStatus: "F" });
    expect(a.signed).toBe(true);
  });

  it("answers F NO_INTERFACE_DEF for an endpoint it does not define", async () => {
    const a = await call("/ams/sandbox/api/v1/payments/capture", { paymentId: "x" });
    expect(a.body.result).toMatchObject({ resultCode: "NO_INTERFACE_DEF", resultStatus: "F" });
    expect(a.signed).toBe(true);
    const b = await call("/ams/api/v2/whatever", {});
    expect(b.body.result.resultCode).toBe("NO_INTERFACE_DEF");
  });

  it("answers F PARAM_ILLEGAL for a body that is not JSON or misses fields", async () => {
    const notJson = await call("pay", "{not json");
    expect(notJson.body.result.resultCode).toBe("PARAM_ILLEGAL");
    const { paymentRedirectUrl: _, ...noRedirect } = cashierPay();
    const missing = await call("pay", noRedirect);
    expect(missing.body.result.resultCode).toBe("PARAM_ILLEGAL");
    expect(missing.body.result.resultMessage).toContain("paymentRedirectUrl");
    const decimal = await call("pay", cashierPay({ paymentAmount: { currency: "EUR", value: "24.50" } }));
    expect(decimal.body.result.resultCode).toBe("PARAM_ILLEGAL");
  });

  it("answers F BUSINESS_NOT_SUPPORT for products it does not offer", async () => {
    const a = await call("pay", cashierPay({ productCode: "AGREEMENT_PAYMENT" }));
    expect(a.body.result.resultCode).toBe("BUSINESS_NOT_SUPPORT");
    const upm = await call("pay", orderCodePay({ paymentFactor: { inStorePaymentScenario: "PaymentCode" } }));
    expect(upm.body.result.resultCode).toBe("BUSINESS_NOT_SUPPORT");
  });

  it("answers an order-code pay with U and a TEXT code that opens its wallet page", async () => {
    const a = await call("pay", orderCodePay());
    expect(a.body.result.resultCode).toBe("PAYMENT_IN_PROCESS");
    expect(a.body.normalUrl).toBeUndefined();
    const text = a.body.orderCodeForm.codeDetails.find((d: { displayType: string }) => d.displayType === "TEXT");
    expect(text.codeValue).toBe(`${ORIGIN}/sandbox-wallet/pay/${a.body.paymentId}`);
    expect(Date.parse(a.body.orderCodeForm.expireTime) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });
});

describe("sandbox wallet: idempotency by paymentRequestId", () => {
  it("replays the same answer for the same body, also with keys in another order", async () => {
    const req = cashierPay();
    const first = await call("pay", req);
    const again = await call("pay", req);
    const { paymentAmount, ...rest } = req;
    const reordered = await call("pay", { paymentAmount, ...rest });
    expect(again.body).toEqual(first.body);
    expect(reordered.body).toEqual(first.body);
    expect(again.signed).toBe(true);
  });

  it("refuses the same id with a different body: F REPEAT_REQ_INCONSISTENT, the first payment unchanged", async () => {
    const req = cashierPay();
    const first = await call("pay", req);
    const changed = await call("pay", { ...req, paymentAmount: { currency: "EUR", value: "1" } });
    expect(changed.body.result).toEqual({ resultCode: "REPEAT_REQ_INCONSISTENT", resultStatus: "F", resultMessage: "Repeated requests are inconsistent." });
    const inquiry = await call("inquiryPayment", { paymentId: first.body.paymentId });
    expect(inquiry.body.paymentAmount).toEqual({ currency: "EUR", value: "2450" });
  });

  it("keeps ten identical pays sent at once to one payment", async () => {
    const req = cashierPay();
    const answers = await Promise.all(Array.from({ length: 10 }, () => call("pay", req)));
    expect(new Set(answers.map((a) => a.body.paymentId)).size).toBe(1);
  });
});
