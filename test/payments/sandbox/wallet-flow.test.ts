import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { NOTIFY_DELAYS_MS } from "../../../src/payments/sandbox/rules";
import { about, ack, alarmsUntil, call, cashierPay, choose, NOTIFY_URL, orderCodePay, receiveNotifications, RETURN_URL, wallet } from "./support";

describe("sandbox wallet: the wallet page", () => {
  it("shows the merchant, the amount and Approve / Decline as a plain form, under the page's security headers", async () => {
    const a = await call("pay", cashierPay());
    const res = await exports.default.fetch(a.body.normalUrl);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>Sandbox wallet · Pay €24.50 to Demo Bistro</title>");
    expect(html).toContain("SANDBOX");
    expect(html).toContain("Table 4 · 2 dishes");
    expect(html).toMatch(/<form method="post"[^>]*>/);
    expect(html).toContain('name="choice" value="approve"');
    expect(html).toContain('name="choice" value="decline"');
    expect(html).not.toMatch(/<script(?![^>]*>document\.documentElement)/); // only the hashed JS flag
    expect(res.headers.get("content-security-policy")).toContain("form-action 'self'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 for a payment it does not hold", async () => {
    const res = await exports.default.fetch("https://t.test/sandbox-wallet/pay/sbx_nope");
    expect(res.status).toBe(404);
  });

  it("refuses a choice posted from another origin", async () => {
    const a = await call("pay", cashierPay());
    const res = await choose(a.body.paymentId, "approve", "https://evil.test");
    expect(res.status).toBe(403);
    expect((await call("inquiryPayment", { paymentId: a.body.paymentId })).body.paymentStatus).toBe("PROCESSING");
  });
});

describe("sandbox wallet: approve → signed notifyPayment, retried until acknowledged", () => {
  it("redirects to paymentRedirectUrl, mirrors SUCCESS in inquiryPayment, and delivers until the ack has result S", async () => {
    const all = await receiveNotifications([
      () => new Response("busy", { status: 503 }),
      () => Response.json({ result: { resultCode: "PROCESS_FAIL", resultStatus: "F", resultMessage: "try later" } }),
      ack,
    ]);
    const req = cashierPay();
    const paid = await call("pay", req);
    const received = about(paid.body.paymentId, all);
    const res = await choose(paid.body.paymentId, "approve");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(RETURN_URL);

    const inquiry = await call("inquiryPayment", { paymentRequestId: req.paymentRequestId });
    expect(inquiry.body).toMatchObject({ result: { resultStatus: "S" }, paymentStatus: "SUCCESS", paymentId: paid.body.paymentId, paymentAmount: req.paymentAmount });
    expect(inquiry.body.paymentTime).toBeTruthy();
    expect(inquiry.signed).toBe(true);

    await alarmsUntil(() => received().length >= 3);
    expect(received()).toHaveLength(3);
    for (const r of received()) {
      expect(r.verified, "each delivery is signed by the wallet over POST <notify path>").toBe(true);
      expect(r.url).toBe(NOTIFY_URL);
      expect(r.path).toBe("/api/payments/antom/notify");
      expect(r.clientId).toBe(env.ANTOM_CLIENT_ID);
      expect(r.body).toBe(received()[0]!.body); // the same notification every time
    }
    expect(JSON.parse(received()[0]!.body)).toMatchObject({
      notifyType: "PAYMENT_RESULT",
      result: { resultCode: "SUCCESS", resultStatus: "S" },
      paymentRequestId: req.paymentRequestId,
      paymentId: paid.body.paymentId,
      paymentAmount: { currency: "EUR", value: "2450" },
    });

    const [log] = await wallet().deliveries(paid.body.paymentId);
    expect(log).toMatchObject({ attempts: 3, next_at: null, last_error: null });
    expect(log!.delivered_at).toBeGreaterThan(0);
    // Acknowledged: more alarms deliver nothing more.
    await alarmsUntil(() => false, 2);
    expect(received()).toHaveLength(3);

    // The guest's second choice changes nothing; the page shows the outcome.
    const late = await choose(paid.body.paymentId, "decline");
    expect(late.headers.get("location")).toBe(RETURN_URL);
    expect((await call("inquiryPayment", { paymentId: paid.body.paymentId })).body.paymentStatus).toBe("SUCCESS");
    const page = await (await exports.default.fetch(paid.body.normalUrl)).text();
    expect(page).toContain("Paid.");
    expect(page).toContain("Notification delivered to the merchant (attempt 3).");
    expect(page).not.toContain('value="approve"');
  });

  it("spaces the retries on its shortened cadence and gives up after the last one", async () => {
    const all = await receiveNotifications([() => new Response("down", { status: 500 })]);
    const paid = await call("pay", cashierPay());
    const received = about(paid.body.paymentId, all);
    await choose(paid.body.paymentId, "approve");
    // After attempt n fails, attempt n+1 is set NOTIFY_DELAYS_MS[n] later (2 s, then 10 s, …).
    const seen = new Set<number>();
    for (let i = 0; i < NOTIFY_DELAYS_MS.length + 4 && seen.size < 3; i++) {
      const [log] = await wallet().deliveries(paid.body.paymentId);
      if (log && log.attempts > 0 && log.next_at !== null) {
        expect(log.next_at - log.last_attempt_at!).toBe(NOTIFY_DELAYS_MS[log.attempts]);
        seen.add(log.attempts);
      }
      await alarmsUntil(() => false, 1);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    await alarmsUntil(() => received().length >= NOTIFY_DELAYS_MS.length, NOTIFY_DELAYS_MS.length + 4);
    expect(received()).toHaveLength(NOTIFY_DELAYS_MS.length);
    expect(received().every((r) => r.verified)).toBe(true);
    const [log] = await wallet().deliveries(paid.body.paymentId);
    expect(log).toMatchObject({ attempts: NOTIFY_DELAYS_MS.length, next_at: null, delivered_at: null });
    expect(log!.last_error).toContain("HTTP 500");
  });
});

describe("sandbox wallet: decline, cancel, expiry", () => {
  it("decline → FAIL in inquiryPayment, a signed F notification, and a replayed pay answers the failure", async () => {
    const all = await receiveNotifications([ack]);
    const req = cashierPay();
    const paid = await call("pay", req);
    const received = about(paid.body.paymentId, all);
    const res = await choose(paid.body.paymentId, "decline");
    expect(res.headers.get("location")).toBe(RETURN_URL);
    const inquiry = await call("inquiryPayment", { paymentId: paid.body.paymentId });
    expect(inquiry.body).toMatchObject({ paymentStatus: "FAIL", paymentResultCode: "USER_PAYMENT_VERIFICATION_FAILED" });
    await alarmsUntil(() => received().length >= 1);
    expect(received()[0]!.verified).toBe(true);
    expect(JSON.parse(received()[0]!.body).result).toMatchObject({ resultStatus: "F", resultCode: "USER_PAYMENT_VERIFICATION_FAILED" });
    const replay = await call("pay", req);
    expect(replay.body.result).toMatchObject({ resultStatus: "F", resultCode: "USER_PAYMENT_VERIFICATION_FAILED" });
  });

  it("cancel closes an open payment (no notification); the page no longer offers Approve", async () => {
    const paid = await call("pay", orderCodePay());
    const cancelled = await call("cancel", { paymentRequestId: paid.body.paymentRequestId });
    expect(cancelled.body).toMatchObject({ result: { resultStatus: "S" }, paymentId: paid.body.paymentId });
    expect(cancelled.body.cancelTime).toBeTruthy();
    expect((await call("inquiryPayment", { paymentId: paid.body.paymentId })).body.paymentStatus).toBe("CANCELLED");
    const approve = await choose(paid.body.paymentId, "approve");
    expect(approve.headers.get("location")).toBe(`/sandbox-wallet/pay/${paid.body.paymentId}`);
    expect((await call("inquiryPayment", { paymentId: paid.body.paymentId })).body.paymentStatus).toBe("CANCELLED");
    expect(await wallet().deliveries(paid.body.paymentId)).toEqual([]);
    expect((await call("cancel", { paymentId: "sbx_unknown" })).body.result.resultCode).toBe("ORDER_NOT_EXIST");
  });

  it("a payment past its paymentExpiryTime fails and its merchant is told", async () => {
    const all = await receiveNotifications([ack]);
    const paid = await call("pay", cashierPay({ paymentExpiryTime: new Date(Date.now() + 1_000).toISOString() }));
    const received = about(paid.body.paymentId, all);
    expect(paid.body.result.resultCode).toBe("PAYMENT_IN_PROCESS");
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await call("inquiryPayment", { paymentId: paid.body.paymentId })).body).toMatchObject({ paymentStatus: "FAIL", paymentResultCode: "ORDER_IS_CLOSED" });
    await alarmsUntil(() => received().length >= 1);
    expect(received()[0]!.verified).toBe(true);
    expect(JSON.parse(received()[0]!.body).result.resultStatus).toBe("F");
  });
});
