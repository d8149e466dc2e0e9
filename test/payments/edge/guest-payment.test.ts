import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { payments } from "../../../src/db/ledger/schema";
import { Guest, setupRestaurant, staffClient, floorPath, type Restaurant } from "../../table/helpers";
import { ledgerScopeOf } from "../../ledger/support";
import { deliverNotifications, notificationsAbout, ORIGIN, walletChoice } from "./support";

/** A guest at a table with one round sent: the burger (12.50) and a cola (3.50). */
async function seatedWithRound(r: Restaurant, table = 0) {
  const g = new Guest();
  await g.join(r.tables[table]!.code);
  await g.add(r.dish.burger);
  await g.add(r.dish.cola);
  const sent = await g.req("POST", "/session/rounds", {});
  if (sent.status !== 200) throw new Error(`round: ${sent.status} ${JSON.stringify(sent.body)}`);
  return g;
}

describe("a guest pays the whole bill through the sandbox wallet", () => {
  let r: Restaurant;
  beforeAll(async () => {
    r = await setupRestaurant(3);
  });

  it("bill → payment (201, the wallet's page) → approve on the page → signed notification → succeeded, the table is free", async () => {
    const g = await seatedWithRound(r);
    const bill = await g.client.req("GET", "/api/guest/session/bill", undefined, { authorization: `Bearer ${g.token}`, "user-agent": "Mozilla/5.0 AlipayClient/10.5.0" });
    expect(bill.status).toBe(200);
    const total = bill.body.bill.state.bill.total as number;
    expect(total).toBe(1600);
    expect(bill.body.preselected).toBe("ALIPAY_CN");

    const started = await g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "preset", bp: 1000 }, wallet: "ALIPAY_CN", shown: { amount: total, tip: 160 } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { payment, redirectUrl } = started.body;
    expect(payment).toMatchObject({ amount: 1600, tip: 160, currency: "EUR", status: "pending", wallet: "ALIPAY_CN", cover: "whole" });
    expect(redirectUrl).toMatch(new RegExp(`^${ORIGIN}/sandbox-wallet/pay/sbx_`));

    // The wallet's page shows what the provider was asked to charge: bill + tip.
    const page = await (await fetchPage(redirectUrl)).text();
    expect(page).toContain("€17.60");

    const approved = await walletChoice(redirectUrl, "approve");
    expect(approved.status).toBe(303);
    expect(approved.headers.get("location")).toBe(`${ORIGIN}/q/${r.tables[0]!.code}?payment=${encodeURIComponent(payment.id)}`);

    // Until the notification arrives, the redirect alone changes nothing.
    expect((await g.req("GET", `/session/payments/${payment.id}`)).body.payment.status).toBe("pending");

    const providerPaymentId = redirectUrl.split("/").pop()!;
    await deliverNotifications(providerPaymentId);
    const after = await g.req("GET", `/session/payments/${payment.id}`);
    expect(after.status).toBe(200);
    expect(after.body.payment).toMatchObject({ status: "succeeded", amount: 1600, tip: 160 });

    const rows = await notificationsAbout(r.merchantId, payment.id);
    expect(rows.map((n) => n.verdict)).toEqual(["accepted"]);
    expect(rows[0]).toMatchObject({ notifyType: "PAYMENT_RESULT", storeId: r.storeId, paymentId: payment.id });

    // Paid in full after the meal: the session closed and the table shows free.
    const waiter = await staffClient(r, "waiter");
    const floor = await waiter.get(floorPath(r));
    const card = floor.body.view.tables.find((t: { tableId: string }) => t.tableId === r.tables[0]!.id);
    expect(card.status).toBe("free");

    // The ledger row, through the object's outbox.
    await env.TABLE.getByName(r.tables[0]!.id).drainOutbox();
    const ledger = await ledgerScopeOf(r.merchantId);
    const [row] = await ledger.select(payments, eq(payments.id, payment.id));
    expect(row).toMatchObject({ state: "succeeded", amount: 1600, tip: 160, charged: 1760, providerPaymentId, methodType: "ALIPAY_CN", productCode: "CASHIER_PAYMENT" });
  });

  it("a declined payment fails, releases its reservation, and another payment can take the whole bill", async () => {
    const g = await seatedWithRound(r, 1);
    const whole = { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount: 1600, tip: 0 } };
    const first = await g.req("POST", "/session/payments", whole);
    expect(first.status).toBe(201);
    // Reserved: nothing is left for a second payment meanwhile.
    const second = await g.req("POST", "/session/payments", whole);
    expect(second.status).toBe(409);
    await walletChoice(first.body.redirectUrl, "decline");
    await deliverNotifications(first.body.redirectUrl.split("/").pop()!);
    const failed = await g.req("GET", `/session/payments/${first.body.payment.id}`);
    expect(failed.body.payment).toMatchObject({ status: "failed" });
    expect(failed.body.payment.reason).toBeTruthy();
    const again = await g.req("POST", "/session/payments", whole);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });

  it("the payer cancels an open payment: cancelled at the provider first, then released; another diner may not", async () => {
    const g = await seatedWithRound(r, 2);
    const friend = new Guest();
    await friend.join(r.tables[2]!.code);
    const whole = { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount: 1600, tip: 0 } };
    const started = await g.req("POST", "/session/payments", whole);
    expect(started.status).toBe(201);
    const id = started.body.payment.id as string;

    const notMine = await friend.req("POST", `/session/payments/${id}/cancel`);
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe("not_your_payment");

    const cancelled = await g.req("POST", `/session/payments/${id}/cancel`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.payment).toMatchObject({ id, status: "cancelled" });
    // The provider closed it too: approving on the wallet's page now charges nothing.
    await walletChoice(started.body.redirectUrl, "approve");
    const page = await (await fetchPage(started.body.redirectUrl)).text();
    expect(page).not.toContain('value="approve"');
    expect((await g.req("GET", `/session/payments/${id}`)).body.payment.status).toBe("cancelled");
    // Released: the friend can now pay the whole bill.
    expect((await friend.req("POST", "/session/payments", whole)).status).toBe(201);
    // A finished payment cannot be cancelled again.
    expect((await g.req("POST", `/session/payments/${id}/cancel`)).body.error.code).toBe("not_cancellable");
  });

  it("refuses payments of another table or session, unknown ids, and a shown price that moved", async () => {
    const g = new Guest();
    await g.join(r.tables[0]!.code); // a new session at the first table (its last one was paid)
    await g.add(r.dish.steak);
    await g.req("POST", "/session/rounds", {});
    const changed = await g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount: 999, tip: 0 } });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("amount_changed");
    const notAccepted = await g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "GCASH", shown: { amount: 2400, tip: 0 } });
    expect(notAccepted.status).toBe(400);
    expect(notAccepted.body.error.code).toBe("wallet_not_accepted");
    const invalid = await g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "PAYPAL", shown: { amount: 2400, tip: 0 } });
    expect(invalid.status).toBe(400);
    expect((await g.req("GET", `/session/payments/pay.${r.tables[1]!.id}.abcdefgh`)).status).toBe(404);
    expect((await g.req("GET", `/session/payments/pay.${r.tables[0]!.id}.nope`)).status).toBe(404);
    expect((await g.client.req("GET", `/api/guest/session/bill`)).status).toBe(401);
  });
});

describe("payments in the API description", () => {
  it("lists the guest and staff payment routes (the notify callback is the provider's, not part of it)", async () => {
    const doc = (await (await fetchPage(`${ORIGIN}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/guest/session/bill",
        "/api/guest/session/payments",
        "/api/guest/session/payments/{paymentId}",
        "/api/guest/session/payments/{paymentId}/cancel",
        "/api/merchants/{merchantId}/stores/{storeId}/floor/tables/{tableId}/bill-code",
        "/api/merchants/{merchantId}/stores/{storeId}/floor/tables/{tableId}/bill-code/{paymentId}",
      ]),
    );
  });
});

const fetchPage = (url: string) => import("cloudflare:workers").then(({ exports }) => exports.default.fetch(url));
