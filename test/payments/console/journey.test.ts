import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Guest, setupRestaurant } from "../../table/helpers";
import { deliverNotifications, walletChoice } from "../edge/support";

// The real path end to end: a guest pays through the table object and the sandbox wallet, the
// signed notification settles it, the table object's outbox writes the ledger; then the owner
// finds it in the console, refunds one dish, and the guest's receipt shows it.
describe("from a guest's payment to a refunded dish on the receipt", () => {
  it("pays, lists, refunds a dish through the wallet, and the receipt and ledger agree", async () => {
    const r = await setupRestaurant(2);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.burger);
    await g.add(r.dish.steak);
    expect((await g.req("POST", "/session/rounds", {})).status).toBe(200);
    const bill = (await g.req("GET", "/session/bill")).body.bill.state.bill;
    const started = await g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "preset", bp: 1000 }, wallet: "CONNECT_WALLET", shown: { amount: bill.total, tip: Math.round(bill.total / 10) } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { payment, redirectUrl } = started.body;
    expect((await walletChoice(redirectUrl, "approve")).status).toBe(303);
    await deliverNotifications(redirectUrl.split("/").pop()!);
    await env.TABLE.getByName(r.tables[0]!.id).drainOutbox();

    const m = `/api/merchants/${r.merchantId}`;
    const list = await r.client.get(`${m}/stores/${r.storeId}/payments?state=succeeded`);
    expect(list.status).toBe(200);
    const row = list.body.payments.find((p: any) => p.id === payment.id);
    expect(row).toMatchObject({ state: "succeeded", amount: bill.total, tip: payment.tip, refundable: bill.total + payment.tip, tableName: "T1" });

    const detail = (await r.client.get(`${m}/bills/${row.billId}`)).body;
    expect(detail.bill).toMatchObject({ total: bill.total, paid: bill.total, tips: payment.tip, status: "paid" });
    expect(detail.notifications.map((n: any) => [n.notifyType, n.verdict])).toContainEqual(["PAYMENT_RESULT", "accepted"]);
    const steak = detail.bill.lines.find((l: any) => l.name === "Steak");

    const refund = await r.client.post(`${m}/payments/${payment.id}/refunds`, { amount: steak.due, reason: "Overcooked steak" });
    expect(refund.status).toBe(201);
    expect(refund.body.refund.state).toBe("succeeded");
    // The table object writing its records again (a retried outbox) does not undo the refund.
    await env.TABLE.getByName(r.tables[0]!.id).drainOutbox();
    const after = (await r.client.get(`${m}/bills/${row.billId}`)).body;
    expect(after.bill.refunded).toBe(steak.due);
    expect(after.payments[0]).toMatchObject({ state: "partly_refunded", refunded: steak.due, refundable: bill.total + payment.tip - steak.due });

    const receipt = await (await exports.default.fetch(`https://t.test${after.receiptUrl}`, { headers: { "accept-language": "en" } })).text();
    for (const text of ["Burger", "Steak", "Overcooked steak", "Alipay+", "Net paid"]) expect(receipt, text).toContain(text);
    const eur = (minor: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(minor / 100);
    expect(receipt).toContain(`−${eur(steak.due)}`);
    expect(receipt).toContain(eur(bill.total + payment.tip - steak.due));
  });
});
