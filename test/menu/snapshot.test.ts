import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { findTableByCode, loadMenuSnapshot, MenuNotFoundError } from "../../src/db/menu";
import { signUpMerchant, type SignedUp } from "../helpers/client";
import { smallMenu } from "./fixtures";

const db = createDb(env.DB);
let owner: SignedUp;
let m: Awaited<ReturnType<typeof smallMenu>>;

beforeAll(async () => {
  owner = await signUpMerchant();
  m = await smallMenu(owner);
});

describe("loadMenuSnapshot", () => {
  it("returns the store's menu with version, currency, languages and time zone", async () => {
    const snap = await loadMenuSnapshot(db, owner.merchantId, owner.storeId);
    const version = (await owner.client.get(m.base)).body.version;
    expect(snap).toMatchObject({ merchantId: owner.merchantId, storeId: owner.storeId, version, currency: "EUR", languages: ["en", "fr"], timeZone: "Europe/Paris" });
    expect(snap.categories).toHaveLength(1);
    const dish = snap.categories[0]!.dishes[0]!;
    expect(dish).toMatchObject({ id: m.dishId, price: 1250, soldOut: false, staffOnly: false, windows: [] });
    expect(dish.optionGroups[0]!.options.map((o) => o.priceDelta)).toEqual([0, 300]);
  });

  it("leaves hidden items out, keeps staff-only ones flagged, and reflects sold out per store", async () => {
    const hidden = await owner.client.post(`${m.base}/dishes`, { categoryId: m.categoryId, name: { en: "Secret" }, price: 1, hidden: true });
    const staff = await owner.client.post(`${m.base}/dishes`, { categoryId: m.categoryId, name: { en: "Staff" }, price: 0, staffOnly: true });
    const hiddenCat = await owner.client.post(`${m.base}/categories`, { name: { en: "Later" }, hidden: true });
    await owner.client.post(`${m.base}/dishes`, { categoryId: hiddenCat.body.category.id, name: { en: "In hidden" }, price: 1 });
    await owner.client.put(`${m.base}/dishes/${m.dishId}/sold-out`, { storeId: owner.storeId, soldOut: true });
    const snap = await loadMenuSnapshot(db, owner.merchantId, owner.storeId);
    const ids = snap.categories.flatMap((c) => c.dishes.map((d) => d.id));
    expect(ids).not.toContain(hidden.body.dish.id);
    expect(snap.categories.map((c) => c.id)).toEqual([m.categoryId]);
    expect(snap.categories[0]!.dishes.find((d) => d.id === staff.body.dish.id)?.staffOnly).toBe(true);
    expect(snap.categories[0]!.dishes.find((d) => d.id === m.dishId)?.soldOut).toBe(true);

    const second = await owner.client.post(`/api/merchants/${owner.merchantId}/stores`, { name: "Second", timeZone: "Asia/Shanghai", currency: "EUR", languages: ["en"] });
    const other = await loadMenuSnapshot(db, owner.merchantId, second.body.store.id);
    expect(other.timeZone).toBe("Asia/Shanghai");
    expect(other.categories[0]!.dishes.find((d) => d.id === m.dishId)?.soldOut).toBe(false);
  });

  it("refuses a store of another merchant", async () => {
    const other = await signUpMerchant();
    await expect(loadMenuSnapshot(db, owner.merchantId, other.storeId)).rejects.toBeInstanceOf(MenuNotFoundError);
    await expect(loadMenuSnapshot(db, "mer_nope", owner.storeId)).rejects.toBeInstanceOf(MenuNotFoundError);
  });
});

describe("findTableByCode", () => {
  it("finds a table with its store and merchant; a rotated code is retired; unknown is null", async () => {
    const tables = `/api/merchants/${owner.merchantId}/stores/${owner.storeId}/tables`;
    const created = (await owner.client.post(tables, { name: "T1", area: "Hall", seats: 2 })).body.table;
    const found = await findTableByCode(db, created.code);
    expect(found).toMatchObject({ kind: "table", table: { id: created.id, name: "T1" }, store: { id: owner.storeId }, merchant: { id: owner.merchantId } });
    const rotated = (await owner.client.post(`${tables}/${created.id}/rotate-code`)).body;
    expect(await findTableByCode(db, created.code)).toMatchObject({ kind: "retired", tableId: created.id, merchantId: owner.merchantId });
    expect((await findTableByCode(db, rotated.table.code))?.kind).toBe("table");
    expect(await findTableByCode(db, "zzzzzzzzzzzz")).toBeNull();
    expect(await findTableByCode(db, "'; drop table tables; --")).toBeNull();
  });
});
