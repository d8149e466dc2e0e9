import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { paymentNotifications } from "../../../src/db/ledger/schema";
import { unattributedLedger } from "../../../src/payments/notification-log";
import { beforeAll, describe, expect, it } from "vitest";
import { newPaymentId } from "../../../src/domain/payments/ids";
import { TEST_PROVIDER_PRIVATE_KEY } from "../fixtures/antom-openssl";
import { setupRestaurant, type Restaurant } from "../../table/helpers";
import { NOTIFY_PATH, notificationsAbout, notify, ORIGIN, paymentResult } from "./support";

/**
 * The notify endpoint refuses what it cannot trust before any table object hears of it, answers
 * with a failure acknowledgement and a 4xx, and records every refusal with its reason in the
 * ledger of the merchant the notification names (UNATTRIBUTED in LEDGER_0 otherwise).
 */
describe("notify endpoint: refused before anything is applied", () => {
  let r: Restaurant;
  const idAt = (r: Restaurant) => newPaymentId(r.tables[0]!.id, crypto.randomUUID().slice(0, 8));

  beforeAll(async () => {
    r = await setupRestaurant(1);
  });

  const refused = async (id: string, res: Awaited<ReturnType<typeof notify>>, status: number, reason: string) => {
    expect(res.status).toBe(status);
    expect(res.body.result.resultStatus).toBe("F");
    expect(res.headers.get("content-type")).toContain("application/json");
    const rows = await notificationsAbout(r.merchantId, id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ verdict: "rejected", storeId: r.storeId, notifyType: "PAYMENT_RESULT", paymentRequestId: id });
    expect(rows[0]!.rejectReason).toMatch(new RegExp(`^${reason}`));
    return rows[0]!;
  };

  it("a forged signature (another key) is refused and recorded with the exact body and headers", async () => {
    const id = idAt(r);
    const body = JSON.stringify(paymentResult(id, { value: 1250, paymentId: "sbx_forged" }));
    const row = await refused(id, await notify(body, { key: TEST_PROVIDER_PRIVATE_KEY }), 401, "bad_signature");
    expect(row.rawBody).toBe(body);
    expect(row.headers["client-id"]).toBe(env.ANTOM_CLIENT_ID);
    expect(row.headers.signature).toMatch(/^algorithm=RSA256,keyVersion=1,signature=/);
  });

  it("a missing signature is refused", async () => {
    const id = idAt(r);
    await refused(id, await notify(paymentResult(id, { value: 1250, paymentId: "sbx_1" }), { unsigned: true }), 401, "missing_signature");
  });

  it("an altered body (the amount changed after signing) is refused", async () => {
    const id = idAt(r);
    const genuine = JSON.stringify(paymentResult(id, { value: 1250, paymentId: "sbx_2" }));
    const altered = genuine.replace('"value":"1250"', '"value":"1"');
    await refused(id, await notify(altered, { signedBody: genuine }), 401, "bad_signature");
  });

  it("a signature over another path is refused", async () => {
    const id = idAt(r);
    await refused(id, await notify(paymentResult(id, { value: 1250, paymentId: "sbx_3" }), { signedPath: "/other/notify" }), 401, "bad_signature");
  });

  it("another client id is refused", async () => {
    const id = idAt(r);
    await refused(id, await notify(paymentResult(id, { value: 1250, paymentId: "sbx_4" }), { clientId: "SANDBOX_SOMEONE_ELSE" }), 401, "client_mismatch");
  });

  it("a stale Request-Time (a replay from ten minutes ago, genuinely signed) is refused, and one from the future too", async () => {
    const id = idAt(r);
    const body = paymentResult(id, { value: 1250, paymentId: "sbx_5" });
    await refused(id, await notify(body, { time: new Date(Date.now() - 10 * 60_000).toISOString() }), 400, "stale");
    const later = idAt(r);
    await refused(later, await notify(paymentResult(later, { value: 1250 }), { time: String(Date.now() + 10 * 60_000) }), 400, "stale");
  });

  it("ids that name no table of ours are kept UNATTRIBUTED in LEDGER_0", async () => {
    for (const id of [newPaymentId("tbl_doesnotexist", "abc"), "pay_not_ours_1234"]) {
      const res = await notify(paymentResult(id, { value: 100, paymentId: "sbx_7" }));
      expect(res.status).toBe(404);
      expect(res.body.result.resultStatus).toBe("F");
      const rows = await notificationsAbout(null, id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ merchantId: "", storeId: "", verdict: "rejected", rejectReason: "unknown_payment", paymentId: null });
      expect(await notificationsAbout(r.merchantId, id)).toEqual([]);
    }
  });

  it("a body that is not a notification is refused (400) and still recorded", async () => {
    const res = await notify('{"notifyType":"PAYMENT_RESULT","paymentRequestId":"pay_malformed_1"}');
    expect(res.status).toBe(400);
    const rows = await notificationsAbout(null, "pay_malformed_1");
    expect(rows[0]).toMatchObject({ verdict: "rejected" });
    expect(rows[0]!.rejectReason).toMatch(/^malformed/);
  });

  it("an oversized body is refused unread (413)", async () => {
    const res = await exports.default.fetch(`${ORIGIN}${NOTIFY_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(200_000) },
      body: "x".repeat(200_000),
    });
    expect(res.status).toBe(413);
    expect((await res.json<{ result: { resultStatus: string } }>()).result.resultStatus).toBe("F");
  });

  it("a verified refund notification naming no refund of ours is refused (404) and kept UNATTRIBUTED", async () => {
    const refundRequestId = `rfd_${crypto.randomUUID().slice(0, 12)}`;
    const res = await notify({
      notifyType: "REFUND_RESULT",
      result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" },
      refundStatus: "SUCCESS",
      refundRequestId,
      refundId: "sbx_refund_1",
      paymentId: "sbx_paid_1",
      refundAmount: { currency: "EUR", value: "300" },
    });
    expect(res.status).toBe(404);
    expect(res.body.result.resultStatus).toBe("F");
    const [row] = await unattributedLedger().select(paymentNotifications, eq(paymentNotifications.refundRequestId, refundRequestId));
    expect(row).toMatchObject({ verdict: "rejected", notifyType: "REFUND_RESULT", merchantId: "" });
    expect(row!.rejectReason).toMatch(/^unknown_refund/);
  });

  it("stops recording refusals from an address that keeps sending them (429)", async () => {
    const ip = "203.0.113.99";
    let last = 0;
    for (let i = 0; i < 201; i++) last = (await notify(paymentResult(`pay_flood_${i}`, { value: 1 }), { unsigned: true, ip })).status;
    expect(last).toBe(429);
    expect(await notificationsAbout(null, "pay_flood_200")).toEqual([]);
    expect(await notificationsAbout(null, "pay_flood_199")).toHaveLength(1);
    // Another address is not affected.
    expect((await notify(paymentResult("pay_flood_other", { value: 1 }), { unsigned: true, ip: "203.0.113.100" })).status).toBe(401);
  });
});
