import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { paymentNotifications } from "../../../src/db/ledger/schema";
import { Guest, setupRestaurant, type Restaurant } from "../../table/helpers";
import { ledgerScopeOf } from "../../ledger/support";
import { deliverNotifications, notify, walletChoice } from "./support";

/** The notify endpoint hands a verified notifyRefund to the refund service (src/services/refunds.ts) and records it. */
describe("notifyRefund through the notify endpoint", () => {
  let r: Restaurant;
  let paymentId: string;
  beforeAll(async () => {
    r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.steak);
    await g.req("POST", "/session/rounds", {});
    const started = await g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount: 2400, tip: 0 } });
    paymentId = started.body.payment.id;
    await walletChoice(started.body.redirectUrl, "approve");
    await deliverNotifications(started.body.redirectUrl.split("/").pop()!);
    await env.TABLE.getByName(r.tables[0]!.id).drainOutbox();
  });

  it("the wallet's signed refund notification reaches the refund service and is recorded in the merchant's ledger; an altered amount is refused", async () => {
    const refund = await r.client.post(`/api/merchants/${r.merchantId}/payments/${paymentId}/refunds`, { amount: 500, reason: "cold steak" });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    const { refundRequestId, providerRefundId } = refund.body.refund;
    expect(providerRefundId).toBeTruthy();
    await deliverNotifications(providerRefundId);

    const ledger = await ledgerScopeOf(r.merchantId);
    const rows = await ledger.select(paymentNotifications, eq(paymentNotifications.refundRequestId, refundRequestId));
    expect(rows).toHaveLength(1);
    // The provider's answer to `refund` had already settled it: the notification confirms it once more.
    expect(rows[0]).toMatchObject({ notifyType: "REFUND_RESULT", storeId: r.storeId, paymentId, verdict: "duplicate" });

    const body = JSON.parse(rows[0]!.rawBody) as Record<string, unknown>;
    const altered = await notify({ ...body, refundAmount: { currency: "EUR", value: "2400" } });
    expect(altered.status).toBe(409);
    expect(altered.body.result.resultStatus).toBe("F");
    const after = await ledger.select(paymentNotifications, eq(paymentNotifications.refundRequestId, refundRequestId), { orderBy: [paymentNotifications.receivedAt] });
    expect(after.map((n) => n.verdict)).toEqual(["duplicate", "rejected"]);
    expect(after[1]!.rejectReason).toMatch(/amount_mismatch/);
  });
});
