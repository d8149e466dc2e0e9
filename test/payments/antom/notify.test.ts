import { describe, expect, it } from "vitest";
import { ackBody, ackResponse, failureAckBody, parseRequestTime, requestPathOf, verifyNotification, type NotifyInput } from "../../../src/payments/antom/notify";
import { importPrivateKey, sign, signContent, signatureHeader } from "../../../src/payments/antom/signature";
import { OPENSSL_SIGNED, TEST_MERCHANT_PRIVATE_KEY, TEST_MERCHANT_PUBLIC_KEY, TEST_PROVIDER_PRIVATE_KEY, TEST_PROVIDER_PUBLIC_KEY } from "../fixtures/antom-openssl";

const PATH = "/api/payments/antom/notify";
const CLIENT = "TEST_CLIENT_0001";
const NOW = Date.parse("2026-12-02T04:30:00Z");
const MAX_SKEW = 5 * 60_000;

const paid = JSON.stringify({
  notifyType: "PAYMENT_RESULT",
  result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" },
  paymentRequestId: "pay_0001",
  paymentId: "2026120200000001",
  paymentAmount: { currency: "EUR", value: "1250" },
  paymentCreateTime: "2026-12-02T04:28:00+00:00",
  paymentTime: "2026-12-02T04:29:58+00:00",
});

/** A notification as the provider sends it: signed like a request, with its private key. */
async function notification(options: { body?: string; time?: string; clientId?: string; path?: string; key?: string; signedBody?: string; signedTime?: string; signedPath?: string } = {}) {
  const body = options.body ?? paid;
  const time = options.time ?? String(NOW - 2_000);
  const clientId = options.clientId ?? CLIENT;
  const content = signContent("POST", options.signedPath ?? options.path ?? PATH, clientId, options.signedTime ?? time, options.signedBody ?? body);
  const signature = await sign(await importPrivateKey(options.key ?? TEST_PROVIDER_PRIVATE_KEY), content);
  const headers = new Headers({ "Content-Type": "application/json", "Request-Time": time, "client-id": clientId, Signature: signatureHeader(signature) });
  return { path: options.path ?? PATH, headers, body };
}

const check = (n: { path: string; headers: Headers; body: string }, overrides: Partial<NotifyInput> = {}) =>
  verifyNotification({ ...n, providerPublicKey: TEST_PROVIDER_PUBLIC_KEY, expectedClientId: CLIENT, now: NOW, maxSkewMs: MAX_SKEW, ...overrides });

describe("verifyNotification", () => {
  it("accepts a genuine notifyPayment and returns it parsed", async () => {
    const result = await check(await notification());
    expect(result).toEqual({
      ok: true,
      notification: JSON.parse(paid),
      requestTime: String(NOW - 2_000),
      requestTimeMs: NOW - 2_000,
    });
  });

  it("accepts a notifyRefund and a PAYMENT_PENDING", async () => {
    const refund = JSON.stringify({
      notifyType: "REFUND_RESULT",
      result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" },
      refundStatus: "SUCCESS",
      refundRequestId: "ref_0001",
      refundId: "r1",
      paymentId: "2026120200000001",
      refundAmount: { currency: "EUR", value: "300" },
    });
    const pending = paid.replace("PAYMENT_RESULT", "PAYMENT_PENDING");
    const r = await check(await notification({ body: refund }));
    const p = await check(await notification({ body: pending }));
    expect(r.ok && r.notification.notifyType).toBe("REFUND_RESULT");
    expect(p.ok && p.notification.notifyType).toBe("PAYMENT_PENDING");
  });

  it("accepts ISO-8601 Request-Time (signed verbatim), with a zone offset and fractions", async () => {
    for (const time of ["2026-12-02T12:29:58.253+08:00", "2026-12-02T04:29:58Z", "2026-12-02T10:59:58+06:30", "2026-12-02T04:29:58.123456789Z"]) {
      const result = await check(await notification({ time }));
      expect({ time, ok: result.ok }).toEqual({ time, ok: true });
    }
  });

  it("refuses a notification with no signature or no Request-Time", async () => {
    const n = await notification();
    const unsigned = new Headers(n.headers);
    unsigned.delete("signature");
    const noTime = new Headers(n.headers);
    noTime.delete("request-time");
    const emptySignature = new Headers(n.headers);
    emptySignature.set("signature", "algorithm=RSA256,keyVersion=1,signature=");
    for (const headers of [unsigned, noTime, emptySignature]) {
      expect(await check({ ...n, headers })).toMatchObject({ ok: false, reason: "missing_signature" });
    }
  });

  it("refuses a forged notification (signed with a key that is not the provider's)", async () => {
    expect(await check(await notification({ key: TEST_MERCHANT_PRIVATE_KEY }))).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses an altered amount, time or path", async () => {
    const cheaper = paid.replace('"1250"', '"1"');
    expect(await check(await notification({ body: cheaper, signedBody: paid }))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await check(await notification({ time: String(NOW), signedTime: String(NOW - 2_000) }))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await check(await notification({ path: PATH, signedPath: "/api/payments/other/notify" }))).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses a notification for another client id, signed or not", async () => {
    expect(await check(await notification({ clientId: "TEST_CLIENT_0002" }))).toMatchObject({ ok: false, reason: "client_mismatch" });
    const n = await notification();
    const headers = new Headers(n.headers);
    headers.delete("client-id");
    expect(await check({ ...n, headers })).toMatchObject({ ok: false, reason: "client_mismatch" });
  });

  it("refuses a stale or future Request-Time, epoch ms or ISO", async () => {
    const stale = [String(NOW - MAX_SKEW - 1), String(NOW + MAX_SKEW + 1), "2026-12-02T04:24:59.999Z", "2026-12-02T12:35:01+08:00", "2019-07-12T12:08:56.253+05:30"];
    for (const time of stale) {
      const result = await check(await notification({ time }));
      expect({ time, result }).toMatchObject({ time, result: { ok: false, reason: "stale" } });
    }
    const edge = await check(await notification({ time: String(NOW - MAX_SKEW) }));
    expect(edge.ok).toBe(true);
  });

  it("refuses a genuine but unreadable Request-Time or body as malformed", async () => {
    expect(await check(await notification({ time: "yesterday" }))).toMatchObject({ ok: false, reason: "malformed" });
    expect(await check(await notification({ time: "2026-12-02T04:29:58" }))).toMatchObject({ ok: false, reason: "malformed" });
    expect(await check(await notification({ body: "not json" }))).toMatchObject({ ok: false, reason: "malformed" });
    expect(await check(await notification({ body: paid.replace('"1250"', '"12.50"') }))).toMatchObject({ ok: false, reason: "malformed" });
    expect(await check(await notification({ body: paid.replace("PAYMENT_RESULT", "PAYMENT_DONE") }))).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("verifies a notification signed by openssl, outside our code", async () => {
    // The fixture's NOTIFY content is the docs' example, signed with the test merchant key.
    const fixture = OPENSSL_SIGNED.find((s) => s.name === "NOTIFY")!;
    const [first, rest] = [fixture.content.slice(0, fixture.content.indexOf("\n")), fixture.content.slice(fixture.content.indexOf("\n") + 1)];
    const path = first.replace("POST ", "");
    const time = "2019-07-12T12:08:56.253+05:30";
    const body = rest.slice(`${CLIENT}.${time}.`.length);
    const headers = new Headers({ "Request-Time": time, "client-id": CLIENT, Signature: `algorithm=RSA256, keyVersion=1, signature=${encodeURIComponent(fixture.signature).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}` });
    const result = await verifyNotification({ path, headers, body, providerPublicKey: TEST_MERCHANT_PUBLIC_KEY, expectedClientId: CLIENT, now: Date.parse("2019-07-12T06:39:00Z"), maxSkewMs: MAX_SKEW });
    expect(result).toMatchObject({ ok: true, notification: { notifyType: "PAYMENT_RESULT", paymentAmount: { currency: "EUR", value: "1250" } } });
  });
});

describe("parseRequestTime", () => {
  it("reads epoch ms and zoned ISO-8601, and nothing else", () => {
    expect(parseRequestTime("1685599933871")).toBe(1685599933871);
    expect(parseRequestTime("2019-05-28T12:12:12+08:00")).toBe(Date.parse("2019-05-28T04:12:12Z"));
    expect(parseRequestTime("2019-07-12T12:08:56.253+05:30")).toBe(Date.parse("2019-07-12T06:38:56.253Z"));
    for (const bad of ["", "-1", "1e12", "2019-05-28 12:12:12", "2019-05-28T12:12:12", "Tue, 28 May 2019 04:12:12 GMT", "2019-13-45T99:99:99Z"]) {
      expect({ bad, ms: parseRequestTime(bad) }).toEqual({ bad, ms: null });
    }
  });
});

describe("the acknowledgement", () => {
  it("is the exact unsigned SUCCESS body", async () => {
    expect(ackBody()).toBe('{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}');
    const response = ackResponse(ackBody(), { clientId: CLIENT, now: NOW });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("client-id")).toBe(CLIENT);
    expect(response.headers.get("response-time")).toBe("2026-12-02T04:30:00.000Z");
    expect(response.headers.has("signature")).toBe(false);
    expect(await response.text()).toBe(ackBody());
  });

  it("a refusal is an F result, which makes the provider retry", () => {
    expect(JSON.parse(failureAckBody())).toEqual({ result: { resultCode: "PROCESS_FAIL", resultStatus: "F", resultMessage: "notification not accepted" } });
    expect(JSON.parse(failureAckBody("SYSTEM_BUSY", "try later")).result).toEqual({ resultCode: "SYSTEM_BUSY", resultStatus: "F", resultMessage: "try later" });
  });

  it("requestPathOf keeps the query, drops the host", () => {
    expect(requestPathOf("https://tableside.test/api/payments/antom/notify")).toBe("/api/payments/antom/notify");
    expect(requestPathOf("https://tableside.test/api/payments/antom/notify?store=s1")).toBe("/api/payments/antom/notify?store=s1");
  });
});
