import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client";
import { stores } from "../../../src/db/schema";
import { DEFAULT_PAYMENT_SETTINGS } from "../../../src/domain/payments/settings";
import { addStaff } from "../../helpers/staff";
import { newShop, type Shop } from "./support";

let shop: Shop;
const path = (s: Shop = shop) => `/api/merchants/${s.merchantId}/stores/${s.storeId}/payment-settings`;
const stored = async (s: Shop = shop) => (await createDb(env.DB).select({ p: stores.paymentSettings }).from(stores).where(eq(stores.id, s.storeId)))[0]!.p;

beforeAll(async () => {
  shop = await newShop();
});

describe("store payment settings", () => {
  it("a store that never saved any answers the defaults", async () => {
    const fresh = await newShop();
    const res = await fresh.client.get(path(fresh));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ settings: DEFAULT_PAYMENT_SETTINGS, isDefault: true, currency: "EUR" });
    expect(await stored(fresh)).toBeNull();
  });

  it("PATCH changes only the fields it names, normalised, and is audited", async () => {
    const first = await shop.client.patch(path(), { serviceBp: 1000, tipPresetsBp: [1500, 500, 1000, 500] });
    expect(first.status).toBe(200);
    expect(first.body.isDefault).toBe(false);
    expect(first.body.settings).toEqual({ ...DEFAULT_PAYMENT_SETTINGS, serviceBp: 1000, tipPresetsBp: [500, 1000, 1500] });

    const second = await shop.client.patch(path(), { tax: { kind: "added", rateBp: 800 }, wallets: ["ALIPAY_HK", "CONNECT_WALLET"], timing: "after_each_round" });
    expect(second.status).toBe(200);
    const expected = { ...DEFAULT_PAYMENT_SETTINGS, serviceBp: 1000, tipPresetsBp: [500, 1000, 1500], tax: { kind: "added", rateBp: 800 }, wallets: ["ALIPAY_HK", "CONNECT_WALLET"], timing: "after_each_round" };
    expect(second.body.settings).toEqual(expected);
    expect((await shop.client.get(path())).body.settings).toEqual(expected);
    expect(await stored()).toEqual(expected);

    const audit = await shop.client.get(`/api/merchants/${shop.merchantId}/audit`);
    const entries = audit.body.entries.filter((e: any) => e.action === "store.payment_settings.updated");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ target: shop.storeId, data: { changed: ["tax", "wallets", "timing"] } });
  });

  it("refuses invalid settings with the error shape and changes nothing", async () => {
    const before = await stored();
    const bad: [unknown, string][] = [
      [{ wallets: [] }, "invalid_request"],
      [{ wallets: ["PAYPAL"] }, "invalid_request"],
      [{ tipPresetsBp: [100, 200, 300, 400, 500] }, "invalid_request"],
      [{ tipPresetsBp: [0] }, "invalid_request"],
      [{ tax: { kind: "added", rateBp: 5001 } }, "invalid_request"],
      [{ tax: { kind: "sometimes", rateBp: 100 } }, "invalid_request"],
      [{ serviceBp: 12.5 }, "invalid_request"],
      [{ timing: "before_meal" }, "invalid_request"],
      [{}, "invalid_request"],
      // Shape-valid, refused by the domain's rules on the merged settings.
      [{ customTip: true, maxTipBp: 0 }, "invalid_settings"],
    ];
    for (const [body, code] of bad) {
      const res = await shop.client.patch(path(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatchObject({ code, message: expect.any(String) });
    }
    expect(await stored()).toEqual(before);
  });

  it("is the owner's and managers' only: waiter and kitchen are refused, a manager may", async () => {
    const waiter = await addStaff(shop, "waiter");
    const kitchen = await addStaff(shop, "kitchen");
    const manager = await addStaff(shop, "manager");
    for (const c of [waiter, kitchen]) {
      expect((await c.get(path())).status).toBe(403);
      const res = await c.patch(path(), { serviceBp: 0 });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    const before = await stored();
    expect(before?.serviceBp).toBe(1000);
    const res = await manager.patch(path(), { customTip: false });
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual({ ...before, customTip: false });
  });

  it("another merchant cannot read or change them (404: not revealed)", async () => {
    const other = await newShop();
    const before = await stored();
    // Other's session, this merchant's path; and this merchant's store under the other merchant.
    expect((await other.client.get(path())).status).toBe(404);
    expect((await other.client.patch(path(), { serviceBp: 0 })).status).toBe(404);
    const crossed = `/api/merchants/${other.merchantId}/stores/${shop.storeId}/payment-settings`;
    expect((await other.client.get(crossed)).status).toBe(404);
    expect((await other.client.patch(crossed, { serviceBp: 0 })).status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it("a manager limited to another store cannot reach this one", async () => {
    const add = await shop.client.post(`/api/merchants/${shop.merchantId}/stores`, { name: "Second", timeZone: "Europe/Paris", currency: "EUR", languages: ["en"] });
    expect(add.status).toBe(201);
    const limited = await addStaff(shop, "manager", add.body.store.id);
    expect((await limited.get(path())).status).toBe(404);
    expect((await limited.get(`/api/merchants/${shop.merchantId}/stores/${add.body.store.id}/payment-settings`)).status).toBe(200);
  });
});
