import { beforeAll, describe, expect, it } from "vitest";
import { signUpMerchant, type SignedUp } from "../helpers/client";
import { addStaff } from "../helpers/staff";
import { noodleDish, smallMenu } from "./fixtures";

let owner: SignedUp;
let base: string;
let categoryId: string;

beforeAll(async () => {
  owner = await signUpMerchant();
  ({ base, categoryId } = await smallMenu(owner));
});

const version = async () => (await owner.client.get(base)).body.version as number;

describe("categories", () => {
  it("creates, renames, hides and deletes a category, bumping the version each time", async () => {
    const v0 = await version();
    const created = await owner.client.post(`${base}/categories`, { name: { en: "Soups", fr: "Soupes" }, station: "wok" });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(v0 + 1);
    expect(created.body.category).toMatchObject({ name: { en: "Soups", fr: "Soupes" }, station: "wok", hidden: false, description: {} });
    const id = created.body.category.id;

    const renamed = await owner.client.patch(`${base}/categories/${id}`, { name: { en: "Broths", fr: "Bouillons" }, hidden: true });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(v0 + 2);
    expect(renamed.body.category).toMatchObject({ name: { en: "Broths", fr: "Bouillons" }, hidden: true });

    const menu = await owner.client.get(base);
    expect(menu.body.categories.find((c: any) => c.id === id)).toMatchObject({ hidden: true, name: { en: "Broths" } });

    const deleted = await owner.client.del(`${base}/categories/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.version).toBe(v0 + 3);
    expect((await owner.client.get(base)).body.categories.some((c: any) => c.id === id)).toBe(false);
  });

  it("refuses to delete a category that still has dishes", async () => {
    const res = await owner.client.del(`${base}/categories/${categoryId}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("category_not_empty");
  });

  it("answers 404 for an unknown category", async () => {
    expect((await owner.client.patch(`${base}/categories/cat_nope000000`, { hidden: true })).status).toBe(404);
  });

  it("puts new categories at the end", async () => {
    const a = await owner.client.post(`${base}/categories`, { name: { en: "A" } });
    const b = await owner.client.post(`${base}/categories`, { name: { en: "B" } });
    expect(b.body.category.position).toBe(a.body.category.position + 1);
  });
});

describe("dishes", () => {
  it("creates a dish with option groups and reads it back", async () => {
    const res = await owner.client.post(`${base}/dishes`, noodleDish(categoryId, { name: { en: "Pork noodles" } }));
    expect(res.status).toBe(201);
    const dish = res.body.dish;
    expect(dish).toMatchObject({ categoryId, price: 1250, spiceLevel: 2, allergens: ["gluten", "soybeans"], staffOnly: false, hidden: false, windows: [] });
    expect(dish.optionGroups.map((g: any) => [g.kind, g.minSelect, g.maxSelect, g.options.length])).toEqual([
      ["single", 1, 1, 2],
      ["multiple", 0, 2, 3],
    ]);
    expect(dish.optionGroups[0].options[1]).toMatchObject({ name: { en: "Large" }, priceDelta: 300, isDefault: false });
    const got = await owner.client.get(`${base}/dishes/${dish.id}`);
    expect(got.body.dish).toEqual(dish);
  });

  it("patches fields, hides, moves to another category and keeps option ids when groups are resent", async () => {
    const { dish } = await smallMenu(owner);
    const other = (await owner.client.post(`${base}/categories`, { name: { en: "Specials" } })).body.category.id;
    const groups = dish.optionGroups.map((g: any) => ({ ...g, options: g.options.map((o: any) => ({ ...o })) }));
    groups[0].options[1].priceDelta = 350;
    const res = await owner.client.patch(`${base}/dishes/${dish.id}`, { price: 1300, hidden: true, categoryId: other, optionGroups: groups });
    expect(res.status).toBe(200);
    expect(res.body.dish).toMatchObject({ price: 1300, hidden: true, categoryId: other, position: 0 });
    expect(res.body.dish.optionGroups[0].id).toBe(dish.optionGroups[0].id);
    expect(res.body.dish.optionGroups[0].options[1]).toMatchObject({ id: dish.optionGroups[0].options[1].id, priceDelta: 350 });
  });

  it("deletes a dish with its options", async () => {
    const { dishId } = await smallMenu(owner);
    expect((await owner.client.del(`${base}/dishes/${dishId}`)).status).toBe(200);
    expect((await owner.client.get(`${base}/dishes/${dishId}`)).status).toBe(404);
  });
});

describe("validation rules (each answers 400 with the field's path)", () => {
  const post = (body: Record<string, unknown>) => owner.client.post(`${base}/dishes`, noodleDish(categoryId, body));
  const group = (g: Record<string, unknown>) => post({ optionGroups: [{ name: { en: "G" }, kind: "multiple", minSelect: 0, maxSelect: 1, options: [{ name: { en: "o" } }], ...g }] });
  const expectIssue = (res: { status: number; body: any }, code: string, path: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.details.issues.map((i: any) => i.path)).toContain(path);
  };

  it("schema rules", async () => {
    expectIssue(await post({ price: -1 }), "invalid_request", "price");
    expectIssue(await post({ price: 12.5 }), "invalid_request", "price");
    expectIssue(await post({ price: 100_000_001 }), "invalid_request", "price");
    expectIssue(await post({ spiceLevel: 4 }), "invalid_request", "spiceLevel");
    expectIssue(await post({ tags: ["keto"] }), "invalid_request", "tags.0");
    expectIssue(await post({ tags: ["vegan", "vegan"] }), "invalid_request", "tags");
    expectIssue(await post({ allergens: ["milk", "milk"] }), "invalid_request", "allergens");
    expectIssue(await post({ allergens: ["kiwi"] }), "invalid_request", "allergens.0");
    expectIssue(await post({ imageUrl: "http://example.com/a.jpg" }), "invalid_request", "imageUrl");
    expectIssue(await post({ imageUrl: "not a url" }), "invalid_request", "imageUrl");
    expectIssue(await post({ name: { en: "x".repeat(121) } }), "invalid_request", "name.en");
    expectIssue(await post({ name: { EN_us: "x" } }), "invalid_request", "name.EN_us");
    expectIssue(await post({ windows: [{ days: [1], from: "25:00", to: "26:00" }] }), "invalid_request", "windows.0.from");
    expectIssue(await post({ windows: [{ days: [], from: "11:00", to: "14:00" }] }), "invalid_request", "windows.0.days");
    expectIssue(await post({ windows: [{ days: [0, 8], from: "11:00", to: "14:00" }] }), "invalid_request", "windows.0.days.0");
    expectIssue(await post({ windows: [{ days: [1, 1], from: "11:00", to: "14:00" }] }), "invalid_request", "windows.0.days");
    expectIssue(await group({ kind: "either" }), "invalid_request", "optionGroups.0.kind");
    expectIssue(await group({ maxSelect: 0 }), "invalid_request", "optionGroups.0.maxSelect");
    expectIssue(await group({ minSelect: -1 }), "invalid_request", "optionGroups.0.minSelect");
    expectIssue(await group({ options: [{ name: { en: "o" }, priceDelta: 0.5 }] }), "invalid_request", "optionGroups.0.options.0.priceDelta");
    expectIssue(await owner.client.post(`${base}/dishes`, { name: { en: "No category" }, price: 100 }), "invalid_request", "categoryId");
  });

  it("menu rules", async () => {
    expectIssue(await post({ name: { fr: "Seulement en français" } }), "invalid_menu", "name.en");
    expectIssue(await post({ name: { en: "Noodles", de: "Nudeln" } }), "invalid_menu", "name.de");
    expectIssue(await post({ description: { es: "Fideos" } }), "invalid_menu", "description.es");
    expectIssue(await group({ options: [] }), "invalid_menu", "optionGroups.0.options");
    expectIssue(await group({ kind: "single", maxSelect: 2, options: [{ name: { en: "a" } }, { name: { en: "b" } }] }), "invalid_menu", "optionGroups.0.maxSelect");
    expectIssue(await group({ minSelect: 2, maxSelect: 1 }), "invalid_menu", "optionGroups.0.minSelect");
    expectIssue(await group({ maxSelect: 3 }), "invalid_menu", "optionGroups.0.maxSelect");
    expectIssue(await group({ options: [{ name: { en: "a" }, isDefault: true }, { name: { en: "b" }, isDefault: true }] }), "invalid_menu", "optionGroups.0.options");
    expectIssue(await group({ options: [{ name: { fr: "a" } }] }), "invalid_menu", "optionGroups.0.options.0.name.en");
    expectIssue(await group({ name: { fr: "Groupe" } }), "invalid_menu", "optionGroups.0.name.en");
    expectIssue(await post({ price: 500, optionGroups: [{ name: { en: "Deal" }, kind: "single", minSelect: 1, maxSelect: 1, options: [{ name: { en: "Half" }, priceDelta: -600 }] }] }), "invalid_menu", "price");
    expectIssue(await post({ tags: ["vegan"], allergens: ["milk"] }), "invalid_menu", "tags");
    expectIssue(await post({ tags: ["vegetarian"], allergens: ["fish"] }), "invalid_menu", "tags");
    expectIssue(await post({ categoryId: "cat_doesnotexist" }), "invalid_menu", "categoryId");
  });

  it("a refused write changes nothing, not even the version", async () => {
    const before = await owner.client.get(base);
    await post({ price: -5 });
    await post({ name: { fr: "x" } });
    expect((await owner.client.get(base)).body).toEqual(before.body);
  });

  it("allows a discount that keeps the total at zero or above", async () => {
    const res = await post({ price: 600, optionGroups: [{ name: { en: "Deal" }, kind: "single", minSelect: 0, maxSelect: 1, options: [{ name: { en: "Half" }, priceDelta: -300 }] }] });
    expect(res.status).toBe(201);
  });
});

describe("option groups and options one by one", () => {
  it("adds, changes and removes groups and options, checking the whole dish each time", async () => {
    const { dish } = await smallMenu(owner);
    const added = await owner.client.post(`${base}/dishes/${dish.id}/option-groups`, {
      name: { en: "Sauce" },
      kind: "single",
      minSelect: 0,
      maxSelect: 1,
      options: [{ name: { en: "Chilli" } }, { name: { en: "Soy" } }],
    });
    expect(added.status).toBe(201);
    const sauce = added.body.dish.optionGroups[2];
    expect(sauce.options).toHaveLength(2);

    const bad = await owner.client.patch(`${base}/option-groups/${sauce.id}`, { maxSelect: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]).toMatchObject({ path: "maxSelect", rule: "single_max" });

    const required = await owner.client.patch(`${base}/option-groups/${sauce.id}`, { minSelect: 1, name: { en: "Sauce", fr: "Sauce" } });
    expect(required.status).toBe(200);
    expect(required.body.dish.optionGroups[2]).toMatchObject({ minSelect: 1, id: sauce.id });

    const opt = await owner.client.post(`${base}/option-groups/${sauce.id}/options`, { name: { en: "Garlic" }, priceDelta: 50 });
    expect(opt.status).toBe(201);
    const garlic = opt.body.dish.optionGroups[2].options[2];
    expect(garlic).toMatchObject({ name: { en: "Garlic" }, priceDelta: 50 });

    const changed = await owner.client.patch(`${base}/options/${garlic.id}`, { priceDelta: 80, isDefault: true });
    expect(changed.body.dish.optionGroups[2].options[2]).toMatchObject({ id: garlic.id, priceDelta: 80, isDefault: true });

    // Extras allows 2 of 3: removing two options would leave max 2 > 1 option.
    const extras = dish.optionGroups[1];
    expect((await owner.client.del(`${base}/options/${extras.options[0].id}`)).status).toBe(200);
    const refused = await owner.client.del(`${base}/options/${extras.options[1].id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0]).toMatchObject({ path: "maxSelect", rule: "max_over_options" });

    expect((await owner.client.del(`${base}/option-groups/${extras.id}`)).status).toBe(200);
    const final = (await owner.client.get(`${base}/dishes/${dish.id}`)).body.dish;
    expect(final.optionGroups.map((g: any) => g.name.en)).toEqual(["Size", "Sauce"]);
  });

  it("answers 404 for unknown groups and options", async () => {
    expect((await owner.client.patch(`${base}/option-groups/grp_unknown00`, { minSelect: 0 })).status).toBe(404);
    expect((await owner.client.del(`${base}/options/opt_unknown00`)).status).toBe(404);
  });
});

describe("reorder", () => {
  it("reorders categories and the dishes of a category", async () => {
    const menu = (await owner.client.get(base)).body;
    const ids = menu.categories.map((c: any) => c.id).reverse();
    const res = await owner.client.put(`${base}/order`, { kind: "categories", ids });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(menu.version + 1);
    expect((await owner.client.get(base)).body.categories.map((c: any) => c.id)).toEqual(ids);

    const cat = (await owner.client.get(base)).body.categories.find((c: any) => c.dishes.length > 1);
    const dishIds = cat.dishes.map((d: any) => d.id).reverse();
    expect((await owner.client.put(`${base}/order`, { kind: "dishes", parentId: cat.id, ids: dishIds })).status).toBe(200);
    const after = (await owner.client.get(base)).body.categories.find((c: any) => c.id === cat.id);
    expect(after.dishes.map((d: any) => d.id)).toEqual(dishIds);
  });

  it("reorders a group's options", async () => {
    const { dish } = await smallMenu(owner);
    const group = dish.optionGroups[1];
    const ids = group.options.map((o: any) => o.id).reverse();
    expect((await owner.client.put(`${base}/order`, { kind: "options", parentId: group.id, ids })).status).toBe(200);
    const after = (await owner.client.get(`${base}/dishes/${dish.id}`)).body.dish;
    expect(after.optionGroups[1].options.map((o: any) => o.id)).toEqual(ids);
  });

  it("refuses a list that misses, repeats or invents items", async () => {
    const ids = (await owner.client.get(base)).body.categories.map((c: any) => c.id);
    for (const bad of [ids.slice(1), [...ids, ids[0]], [...ids.slice(1), "cat_invented00"]]) {
      const res = await owner.client.put(`${base}/order`, { kind: "categories", ids: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("reorder_mismatch");
    }
    expect((await owner.client.put(`${base}/order`, { kind: "dishes", ids: [] })).status).toBe(400);
    expect((await owner.client.put(`${base}/order`, { kind: "dishes", parentId: "cat_unknown00", ids: [] })).status).toBe(404);
  });
});

describe("translations", () => {
  it("sets many texts at once and removes a translation with an empty text", async () => {
    const { dish, categoryId: cat } = await smallMenu(owner);
    const v = await version();
    const res = await owner.client.put(`${base}/translations`, {
      updates: [
        { kind: "category", id: cat, field: "description", lang: "fr", text: "Faites main" },
        { kind: "dish", id: dish.id, field: "description", lang: "fr", text: "Nouilles tirées à la main." },
        { kind: "option_group", id: dish.optionGroups[0].id, field: "name", lang: "fr", text: "Portion" },
        { kind: "option", id: dish.optionGroups[0].options[0].id, field: "name", lang: "fr", text: "" },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ updated: 4, version: v + 1 });
    const after = (await owner.client.get(`${base}/dishes/${dish.id}`)).body.dish;
    expect(after.description).toEqual({ en: "Hand-pulled noodles in a slow beef broth.", fr: "Nouilles tirées à la main." });
    expect(after.optionGroups[0].name).toEqual({ en: "Size", fr: "Portion" });
    expect(after.optionGroups[0].options[0].name).toEqual({ en: "Regular" });
  });

  it("refuses unknown languages, unknown items, descriptions on options and an empty fallback name", async () => {
    const { dish } = await smallMenu(owner);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "dish", id: dish.id, field: "name", lang: "de", text: "Nudeln" }, "unknown_language"],
      [{ kind: "dish", id: "dsh_unknown000", field: "name", lang: "fr", text: "x" }, "unknown_item"],
      [{ kind: "option", id: dish.optionGroups[0].options[0].id, field: "description", lang: "fr", text: "x" }, "no_description"],
      [{ kind: "dish", id: dish.id, field: "name", lang: "en", text: "" }, "name_required"],
    ];
    for (const [update, rule] of cases) {
      const res = await owner.client.put(`${base}/translations`, { updates: [update] });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].rule).toBe(rule);
    }
  });
});

describe("roles", () => {
  let waiter: Awaited<ReturnType<typeof addStaff>>;
  let kitchen: Awaited<ReturnType<typeof addStaff>>;
  let dishId: string;

  beforeAll(async () => {
    waiter = await addStaff(owner, "waiter");
    kitchen = await addStaff(owner, "kitchen");
    dishId = (await smallMenu(owner)).dishId;
  });

  it("a waiter can read the menu but gets 403 on every menu edit", async () => {
    expect((await waiter.get(base)).status).toBe(200);
    const edits: [string, string, unknown][] = [
      ["POST", `${base}/categories`, { name: { en: "X" } }],
      ["PATCH", `${base}/categories/${categoryId}`, { hidden: true }],
      ["DELETE", `${base}/categories/${categoryId}`, undefined],
      ["POST", `${base}/dishes`, noodleDish(categoryId)],
      ["PATCH", `${base}/dishes/${dishId}`, { price: 1 }],
      ["DELETE", `${base}/dishes/${dishId}`, undefined],
      ["PUT", `${base}/order`, { kind: "categories", ids: [] }],
      ["PUT", `${base}/translations`, { updates: [{ kind: "dish", id: dishId, field: "name", lang: "fr", text: "x" }] }],
      ["POST", `${base}/import`, { format: "tableside.menu", formatVersion: 1, categories: [] }],
      ["GET", `${base}/export`, undefined],
    ];
    for (const [method, path, body] of edits) {
      const res = await waiter.req(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect((await owner.client.get(`${base}/dishes/${dishId}`)).body.dish.price).toBe(1250);
  });

  it("waiters and kitchen staff can toggle sold out; each real change bumps the version once", async () => {
    const v = await version();
    const on = await waiter.put(`${base}/dishes/${dishId}/sold-out`, { storeId: owner.storeId, soldOut: true });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ dishId, storeId: owner.storeId, soldOut: true, version: v + 1 });
    const again = await kitchen.put(`${base}/dishes/${dishId}/sold-out`, { storeId: owner.storeId, soldOut: true });
    expect(again.body.version).toBe(v + 1);
    const menu = (await owner.client.get(base)).body;
    const dish = menu.categories.flatMap((c: any) => c.dishes).find((d: any) => d.id === dishId);
    expect(dish.soldOutStoreIds).toEqual([owner.storeId]);
    const off = await kitchen.put(`${base}/dishes/${dishId}/sold-out`, { storeId: owner.storeId, soldOut: false });
    expect(off.body).toMatchObject({ soldOut: false, version: v + 2 });
  });

  it("a waiter limited to one store cannot toggle another store", async () => {
    const second = await owner.client.post(`/api/merchants/${owner.merchantId}/stores`, { name: "Riverside", timeZone: "Europe/Paris", currency: "EUR", languages: ["en", "fr"] });
    expect(second.status).toBe(201);
    const local = await addStaff(owner, "waiter", owner.storeId);
    const res = await local.put(`${base}/dishes/${dishId}/sold-out`, { storeId: second.body.store.id, soldOut: true });
    expect(res.status).toBe(403);
    expect((await local.put(`${base}/dishes/${dishId}/sold-out`, { storeId: owner.storeId, soldOut: true })).status).toBe(200);
  });

  it("a manager may edit the menu", async () => {
    const manager = await addStaff(owner, "manager");
    expect((await manager.patch(`${base}/dishes/${dishId}`, { price: 1300 })).status).toBe(200);
  });
});

describe("tenant isolation", () => {
  let other: SignedUp;
  let dishId: string;
  let groupId: string;
  let optionId: string;

  beforeAll(async () => {
    other = await signUpMerchant();
    const m = await smallMenu(owner);
    dishId = m.dishId;
    groupId = m.dish.optionGroups[0].id;
    optionId = m.dish.optionGroups[0].options[0].id;
  });

  it("another tenant's owner gets 404 on this merchant's menu routes", async () => {
    const calls: [string, string, unknown][] = [
      ["GET", base, undefined],
      ["GET", `${base}/export`, undefined],
      ["POST", `${base}/categories`, { name: { en: "Stolen" } }],
      ["PATCH", `${base}/dishes/${dishId}`, { price: 1 }],
      ["PUT", `${base}/dishes/${dishId}/sold-out`, { storeId: owner.storeId, soldOut: true }],
      ["POST", `${base}/import`, { format: "tableside.menu", formatVersion: 1, categories: [] }],
    ];
    for (const [method, path, body] of calls) {
      const res = await other.client.req(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it("another tenant cannot reach these items through its own merchant id", async () => {
    const ob = `/api/merchants/${other.merchantId}/menu`;
    expect((await other.client.get(`${ob}/dishes/${dishId}`)).status).toBe(404);
    expect((await other.client.patch(`${ob}/dishes/${dishId}`, { price: 1 })).status).toBe(404);
    expect((await other.client.del(`${ob}/dishes/${dishId}`)).status).toBe(404);
    expect((await other.client.patch(`${ob}/option-groups/${groupId}`, { minSelect: 0 })).status).toBe(404);
    expect((await other.client.del(`${ob}/options/${optionId}`)).status).toBe(404);
    expect((await other.client.put(`${ob}/dishes/${dishId}/sold-out`, { storeId: other.storeId, soldOut: true })).status).toBe(404);
    const theirDish = (await smallMenu(other)).dishId;
    expect((await other.client.put(`${ob}/dishes/${theirDish}/sold-out`, { storeId: owner.storeId, soldOut: true })).status).toBe(404);
    expect((await other.client.post(`${ob}/dishes`, noodleDish(categoryId))).status).toBe(400);
    expect((await other.client.put(`${ob}/order`, { kind: "dishes", parentId: categoryId, ids: [] })).status).toBe(404);
    const tr = await other.client.put(`${ob}/translations`, { updates: [{ kind: "dish", id: dishId, field: "name", lang: "fr", text: "Volé" }] });
    expect(tr.status).toBe(400);
    const mine = (await owner.client.get(`${base}/dishes/${dishId}`)).body.dish;
    expect(mine.price).toBe(1250);
    expect(mine.name.fr).toBe("Nouilles au bœuf");
    expect(mine.soldOutStoreIds).toEqual([]);
  });
});
