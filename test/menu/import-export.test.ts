import { beforeAll, describe, expect, it } from "vitest";
import { signUpMerchant, type SignedUp } from "../helpers/client";
import { noodleDish, smallMenu } from "./fixtures";

let owner: SignedUp;
let base: string;

beforeAll(async () => {
  owner = await signUpMerchant();
  ({ base } = await smallMenu(owner));
  await smallMenu(owner);
});

describe("JSON export and import of the whole menu", () => {
  it("exports a document that imports back unchanged, keeping ids", async () => {
    const exported = await owner.client.get(`${base}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain("attachment");
    const doc = exported.body;
    expect(doc).toMatchObject({ format: "tableside.menu", formatVersion: 1, languages: ["en", "fr"], currency: "EUR" });
    expect(doc.categories).toHaveLength(2);
    const before = (await owner.client.get(base)).body;
    const res = await owner.client.post(`${base}/import`, doc);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ version: before.version + 1, categories: 2, dishes: 2 });
    const after = (await owner.client.get(base)).body;
    expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
  });

  it("keeps sold-out marks of dishes that survive an import", async () => {
    const menu = (await owner.client.get(base)).body;
    const dishId = menu.categories[0].dishes[0].id;
    await owner.client.put(`${base}/dishes/${dishId}/sold-out`, { storeId: owner.storeId, soldOut: true });
    const doc = (await owner.client.get(`${base}/export`)).body;
    await owner.client.post(`${base}/import`, doc);
    const after = (await owner.client.get(`${base}/dishes/${dishId}`)).body.dish;
    expect(after.soldOutStoreIds).toEqual([owner.storeId]);
  });

  it("replaces the menu: items left out of the document are gone", async () => {
    const doc = (await owner.client.get(`${base}/export`)).body;
    doc.categories = [{ ...doc.categories[0], dishes: [] }, { name: { en: "Drinks" }, dishes: [{ name: { en: "Tea" }, price: 300 }] }];
    const res = await owner.client.post(`${base}/import`, doc);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = (await owner.client.get(base)).body;
    expect(after.categories.map((c: any) => [c.name.en, c.dishes.length])).toEqual([
      ["Noodles", 0],
      ["Drinks", 1],
    ]);
    expect(after.categories[1].dishes[0]).toMatchObject({ price: 300, tags: [], allergens: [], optionGroups: [] });
  });

  it("is all or nothing: one bad dish refuses the document with its path, and nothing changes", async () => {
    const before = (await owner.client.get(base)).body;
    const doc = {
      format: "tableside.menu",
      formatVersion: 1,
      categories: [
        { name: { en: "Good" }, dishes: [{ name: { en: "Fine" }, price: 100 }] },
        { name: { en: "Bad" }, dishes: [{ name: { en: "Ok" }, price: 100 }, { ...noodleDish("cat_x00000"), categoryId: undefined, name: { fr: "Sans anglais" } }] },
      ],
    };
    const res = await owner.client.post(`${base}/import`, doc);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_menu");
    expect(res.body.error.details.issues[0].path).toBe("categories.1.dishes.1.name.en");
    const schemaBad = await owner.client.post(`${base}/import`, { ...doc, categories: [{ name: { en: "X" }, dishes: [{ name: { en: "Y" }, price: -1 }] }] });
    expect(schemaBad.status).toBe(400);
    expect(schemaBad.body.error.details.issues[0].path).toBe("categories.0.dishes.0.price");
    const wrongFormat = await owner.client.post(`${base}/import`, { format: "other", formatVersion: 1, categories: [] });
    expect(wrongFormat.status).toBe(400);
    expect((await owner.client.get(base)).body).toEqual(before);
  });

  it("importing another tenant's export gives new ids and leaves that tenant untouched", async () => {
    const other = await signUpMerchant();
    const theirs = await smallMenu(other);
    const doc = (await other.client.get(`/api/merchants/${other.merchantId}/menu/export`)).body;
    const res = await owner.client.post(`${base}/import`, doc);
    expect(res.status).toBe(200);
    const mine = (await owner.client.get(base)).body;
    expect(mine.categories[0].dishes[0].id).not.toBe(theirs.dishId);
    expect(mine.categories[0].dishes[0].name.en).toBe("Beef noodles");
    const still = await other.client.get(`/api/merchants/${other.merchantId}/menu/dishes/${theirs.dishId}`);
    expect(still.status).toBe(200);
  });

  it("imports a large menu in one go (chunked under D1's parameter limit)", async () => {
    const dishes = Array.from({ length: 120 }, (_, i) => ({
      name: { en: `Dish ${i}`, fr: `Plat ${i}` },
      price: 100 + i,
      optionGroups: [{ name: { en: "Size" }, kind: "single", minSelect: 1, maxSelect: 1, options: [{ name: { en: "S" }, isDefault: true }, { name: { en: "L" }, priceDelta: 100 }] }],
    }));
    const res = await owner.client.post(`${base}/import`, { format: "tableside.menu", formatVersion: 1, categories: [{ name: { en: "Big" }, dishes }] });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const menu = (await owner.client.get(base)).body;
    expect(menu.categories[0].dishes).toHaveLength(120);
    expect(menu.categories[0].dishes[119]).toMatchObject({ price: 219, position: 119 });
  });
});
