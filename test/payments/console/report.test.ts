import { beforeAll, describe, expect, it } from "vitest";
import { dayBounds, localDay } from "../../../src/services/payments-report";
import { addStaff } from "../../helpers/staff";
import { newShop, writeBill, writeNotification, type Shop } from "./support";

describe("the store's day", () => {
  it("starts at local midnight and lasts 23, 24 or 25 hours", () => {
    expect(dayBounds("2026-03-14", "Asia/Shanghai")).toEqual({ from: Date.parse("2026-03-13T16:00:00Z"), to: Date.parse("2026-03-14T16:00:00Z") });
    expect(dayBounds("2026-03-14", "UTC")).toEqual({ from: Date.parse("2026-03-14T00:00:00Z"), to: Date.parse("2026-03-15T00:00:00Z") });
    // Paris: clocks go forward on 29 March 2026 and back on 25 October 2026.
    const spring = dayBounds("2026-03-29", "Europe/Paris");
    expect(spring.from).toBe(Date.parse("2026-03-28T23:00:00Z"));
    expect(spring.to - spring.from).toBe(23 * 3_600_000);
    const autumn = dayBounds("2026-10-25", "Europe/Paris");
    expect(autumn.to - autumn.from).toBe(25 * 3_600_000);
    expect(dayBounds("2026-01-01", "America/Los_Angeles").from).toBe(Date.parse("2026-01-01T08:00:00Z"));
  });

  it("names the local day of an instant", () => {
    const at = Date.parse("2026-03-13T17:30:00Z");
    expect(localDay(at, "Asia/Shanghai")).toBe("2026-03-14");
    expect(localDay(at, "America/New_York")).toBe("2026-03-13");
  });
});

let shop: Shop;
const DAY = "2026-03-14";
const list = (query = "", s: Shop = shop) => s.client.get(`/api/merchants/${s.merchantId}/stores/${s.storeId}/payments?day=${DAY}${query}`);

beforeAll(async () => {
  shop = await newShop("Asia/Shanghai");
});

describe("payments per store and day", () => {
  it("lists the store's payments of its local day, newest first, with a state filter and totals", async () => {
    const inDay = Date.parse("2026-03-13T16:30:00Z"); // 00:30 on the 14th in Shanghai
    const lateInDay = Date.parse("2026-03-14T15:30:00Z"); // 23:30 on the 14th
    const dayBefore = Date.parse("2026-03-13T15:30:00Z"); // 23:30 on the 13th
    const a = await writeBill(shop, [{ amount: 2000, tip: 200, at: inDay }, { amount: 1000, state: "failed", at: inDay + 1000 }], inDay - 600_000);
    const b = await writeBill(shop, [{ amount: 3000, state: "pending", at: lateInDay }], lateInDay - 600_000);
    await writeBill(shop, [{ amount: 5000, at: dayBefore }], dayBefore - 600_000);

    const all = await list();
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ storeId: shop.storeId, day: DAY, timeZone: "Asia/Shanghai", from: Date.parse("2026-03-13T16:00:00Z"), to: Date.parse("2026-03-14T16:00:00Z") });
    expect(all.body.payments.map((p: any) => p.id)).toEqual([b.payments[0]!.id, a.payments[1]!.id, a.payments[0]!.id]);
    expect(all.body.payments[2]).toMatchObject({ billId: a.billId, tableName: "T7", amount: 2000, tip: 200, charged: 2200, refundable: 2200, state: "succeeded", wallet: "CONNECT_WALLET" });
    expect(all.body.payments[1]).toMatchObject({ state: "failed", failureCode: "USER_BALANCE_NOT_ENOUGH", refundable: 0 });
    expect(all.body.totals).toEqual({ currency: "EUR", count: 1, paid: 2000, tips: 200, refunded: 0 });

    const failed = await list("&state=failed");
    expect(failed.body.payments.map((p: any) => p.id)).toEqual([a.payments[1]!.id]);
    const before = await shop.client.get(`/api/merchants/${shop.merchantId}/stores/${shop.storeId}/payments?day=2026-03-13`);
    expect(before.body.payments).toHaveLength(1);
    expect(before.body.payments[0].amount).toBe(5000);

    for (const bad of ["&state=lost", "&day=14-03-2026"]) {
      const res = await shop.client.get(`/api/merchants/${shop.merchantId}/stores/${shop.storeId}/payments?${bad.slice(1)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
  });

  it("shows a bill with its lines, totals, payments, refunds and the notifications received", async () => {
    const at = Date.parse("2026-03-14T04:00:00Z");
    const { billId, bill, payments } = await writeBill(shop, [{ amount: 1500, state: "failed", at }, { amount: 2500, tip: 250, at: at + 5 }], at);
    const elsewhere = await writeBill(shop, [{ amount: 2500, at }], at);
    await writeNotification(shop.merchantId, shop.storeId, payments[0]!.id, "rejected", at + 10);
    await writeNotification(shop.merchantId, shop.storeId, payments[1]!.id, "accepted", at + 20);
    await writeNotification(shop.merchantId, shop.storeId, elsewhere.payments[0]!.id, "accepted", at + 30);

    const res = await shop.client.get(`/api/merchants/${shop.merchantId}/bills/${billId}`);
    expect(res.status).toBe(200);
    expect(res.body.bill).toMatchObject({ id: billId, tableName: "T7", subtotal: bill.subtotal, service: bill.service, tax: bill.tax, total: bill.total, taxMode: "added", taxRateBp: 800, serviceBp: 1000, paid: 2500, tips: 250 });
    expect(res.body.bill.lines.map((l: any) => [l.name, l.due])).toEqual(bill.lines.map((l) => [l.name, l.due]));
    expect(res.body.timeZone).toBe("Asia/Shanghai");
    expect(res.body.payments.map((p: any) => [p.id, p.state])).toEqual([
      [payments[0]!.id, "failed"],
      [payments[1]!.id, "succeeded"],
    ]);
    expect(res.body.refunds).toEqual([]);
    expect(res.body.notifications.map((n: any) => [n.paymentId, n.verdict, n.rejectReason])).toEqual([
      [payments[0]!.id, "rejected", "bad_signature"],
      [payments[1]!.id, "accepted", null],
    ]);
    expect(res.body.receiptUrl).toMatch(new RegExp(`^/receipt/${shop.merchantId}/${billId.replace(".", "\\.")}\\?k=[A-Za-z0-9_-]{43}$`));
  });

  it("is the tenant's own: another merchant reaches neither the list nor a bill, waiters neither", async () => {
    const { billId } = await writeBill(shop, [{ amount: 1000 }]);
    const other = await newShop();
    expect((await other.client.get(`/api/merchants/${shop.merchantId}/bills/${billId}`)).status).toBe(404);
    expect((await other.client.get(`/api/merchants/${other.merchantId}/bills/${billId}`)).status).toBe(404);
    expect((await list("", { ...other, storeId: shop.storeId })).status).toBe(404);
    expect((await other.client.get(`/api/merchants/${shop.merchantId}/stores/${shop.storeId}/payments`)).status).toBe(404);
    // The other merchant's own list is empty: nothing of this merchant's ledger leaks into it.
    const own = await other.client.get(`/api/merchants/${other.merchantId}/stores/${other.storeId}/payments?day=${DAY}`);
    expect(own.status).toBe(200);
    expect(own.body.payments).toEqual([]);
    const waiter = await addStaff(shop, "waiter");
    expect((await waiter.get(`/api/merchants/${shop.merchantId}/bills/${billId}`)).status).toBe(403);
    expect((await list("", { ...shop, client: waiter })).status).toBe(403);
  });
});
