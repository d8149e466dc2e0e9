import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Client, Res } from "../helpers/client";
import { addStaff } from "../helpers/staff";
import { noodleDish } from "../menu/fixtures";
import { Guest, floorPath, setupRestaurant, type Restaurant } from "../table/helpers";

// Issue 8 §2, "edits never lose data": a PATCH changes exactly the fields it names, on every
// PATCH route of the API, and a PATCH that names nothing is a 400, never a 500.

/** Every PATCH operation in the OpenAPI document. */
async function patchOperations(): Promise<string[]> {
  const doc = (await (await exports.default.fetch("https://t.test/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .filter(([, ops]) => "patch" in ops)
    .map(([path]) => path);
}

/** The object without the keys a PATCH was meant to change. */
function without<T extends Record<string, unknown>>(obj: T, ...keys: string[]): Partial<T> {
  const rest: Record<string, unknown> = { ...obj };
  for (const k of keys) delete rest[k];
  return rest as Partial<T>;
}

function ok(res: Res, what: string) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A real resource behind a PATCH route: where it is, who may change it, how to read it back. */
interface Target {
  path: string;
  client: Client;
  headers?: Record<string, string>;
  read: () => Promise<unknown>;
}

interface PatchCase {
  target: () => Promise<Target>;
  /** Changes one field at a time and checks that every other field kept its value. */
  preserves: () => Promise<void>;
}

let r: Restaurant;
const m = () => `/api/merchants/${r.merchantId}`;
const menu = () => `${m()}/menu`;

async function newDish(overrides: Record<string, unknown> = {}) {
  const cat = ok(await r.client.post(`${menu()}/categories`, { name: { en: "Noodles", fr: "Nouilles" } }), "category");
  const body = noodleDish(cat.category.id, {
    imageUrl: "https://images.example.com/noodles.jpg",
    tags: ["halal"],
    spiceLevel: 3,
    staffOnly: true,
    hidden: true,
    windows: [{ days: [1, 2, 3], from: "11:30", to: "14:00" }],
    ...overrides,
  });
  return ok(await r.client.post(`${menu()}/dishes`, body), "dish").dish;
}

const readDish = async (id: string) => ok(await r.client.get(`${menu()}/dishes/${id}`), "read dish").dish;
const groupOf = (dish: any, name: string) => dish.optionGroups.find((g: any) => g.name.en === name);

async function newTable() {
  const path = `${m()}/stores/${r.storeId}/tables`;
  const { table } = ok(await r.client.post(path, { name: `T-${crypto.randomUUID().slice(0, 6)}`, area: "Terrace", seats: 6 }), "table");
  const read = async () => ok(await r.client.get(path), "tables").tables.find((t: any) => t.id === table.id);
  return { path: `${path}/${table.id}`, read };
}

let nextTable = 0;

/** A guest alone at a fresh table with one line: a large burger with cheese, twice, with a note. */
async function guestWithLine() {
  const table = r.tables[nextTable++]!;
  const guest = new Guest();
  await guest.join(table.code, "Ana");
  const added = await guest.add(r.dish.burger, { optionIds: [r.option.large, r.option.cheese], quantity: 2, note: "no onions" });
  const lineId = ok(added, "add line").lineId as string;
  const read = async () => {
    const view = ok(await guest.view(), "view").view;
    return { line: view.lines.find((l: any) => l.id === lineId), me: view.diners.find((d: any) => d.id === guest.dinerId) };
  };
  return { guest, lineId, read, tableId: table.id, headers: { authorization: `Bearer ${guest.token}` } };
}

const cases: Record<string, PatchCase> = {
  "/api/merchants/{merchantId}": {
    async target() {
      return { path: m(), client: r.client, read: async () => ok(await r.client.get(m()), "merchant").merchant };
    },
    async preserves() {
      const branding = { logoUrl: "https://img.example.com/logo.png", coverUrl: "https://img.example.com/cover.jpg", accentColor: "#1f6f5c" };
      const before = ok(await r.client.patch(m(), { languages: ["en", "fr", "zh-CN"], branding }), "set up").merchant;
      expect(before.branding).toEqual(branding);

      const renamed = ok(await r.client.patch(m(), { name: "Renamed bistro" }), "rename").merchant;
      expect(renamed.name).toBe("Renamed bistro");
      expect(without(renamed, "name", "menuVersion")).toEqual(without(before, "name", "menuVersion"));

      // Branding is merged key by key: one colour changes, logo and cover stay; null removes one.
      const recoloured = ok(await r.client.patch(m(), { branding: { accentColor: "#aa3300" } }), "recolour").merchant;
      expect(recoloured.branding).toEqual({ ...branding, accentColor: "#aa3300" });
      expect(without(recoloured, "branding", "menuVersion")).toEqual(without(renamed, "branding", "menuVersion"));
      const noLogo = ok(await r.client.patch(m(), { branding: { logoUrl: null } }), "remove logo").merchant;
      expect(noLogo.branding).toEqual({ coverUrl: branding.coverUrl, accentColor: "#aa3300" });
      ok(await r.client.patch(m(), { languages: ["en", "fr"] }), "restore languages");
    },
  },

  "/api/merchants/{merchantId}/stores/{storeId}": {
    async target() {
      const path = `${m()}/stores/${r.storeId}`;
      return { path, client: r.client, read: async () => ok(await r.client.get(path), "store").store };
    },
    async preserves() {
      const path = `${m()}/stores/${r.storeId}`;
      const before = ok(await r.client.patch(path, { address: "1 Canal Street", requireAllConfirm: true, timeZone: "Asia/Shanghai", languages: ["en", "fr"] }), "set up").store;
      expect(before).toMatchObject({ address: "1 Canal Street", requireAllConfirm: true, timeZone: "Asia/Shanghai" });
      const renamed = ok(await r.client.patch(path, { name: "Canal side" }), "rename").store;
      expect(renamed.name).toBe("Canal side");
      expect(without(renamed, "name")).toEqual(without(before, "name"));
      const reread = ok(await r.client.get(path), "read").store;
      expect(reread).toEqual(renamed);
      ok(await r.client.patch(path, { requireAllConfirm: false, timeZone: "Europe/Paris" }), "restore");
    },
  },

  "/api/merchants/{merchantId}/stores/{storeId}/payment-settings": {
    async target() {
      const path = `${m()}/stores/${r.storeId}/payment-settings`;
      return { path, client: r.client, read: async () => ok(await r.client.get(path), "payment settings").settings };
    },
    async preserves() {
      const path = `${m()}/stores/${r.storeId}/payment-settings`;
      const before = ok(await r.client.patch(path, { serviceBp: 500, tax: { kind: "added", rateBp: 1000 }, tipPresetsBp: [800, 1200] }), "set up").settings;
      expect(before).toMatchObject({ serviceBp: 500, tax: { kind: "added", rateBp: 1000 }, tipPresetsBp: [800, 1200] });
      const noCustom = ok(await r.client.patch(path, { customTip: false }), "custom tip").settings;
      expect(noCustom).toEqual({ ...before, customTip: false });
      ok(await r.client.patch(path, { wallets: ["ALIPAY_CN"] }), "wallets");
      expect(ok(await r.client.get(path), "read").settings).toEqual({ ...before, customTip: false, wallets: ["ALIPAY_CN"] });
    },
  },

  "/api/merchants/{merchantId}/staff/{membershipId}": {
    async target() {
      const staffPath = `${m()}/staff`;
      const known = new Set(ok(await r.client.get(staffPath), "staff").members.map((x: any) => x.membershipId));
      await addStaff(r, "waiter", r.storeId);
      const member = ok(await r.client.get(staffPath), "staff").members.find((x: any) => !known.has(x.membershipId));
      return { path: `${staffPath}/${member.membershipId}`, client: r.client, read: async () => ok(await r.client.get(staffPath), "staff").members.find((x: any) => x.membershipId === member.membershipId) };
    },
    async preserves() {
      const t = await cases["/api/merchants/{merchantId}/staff/{membershipId}"]!.target();
      const before = (await t.read()) as any;
      expect(before).toMatchObject({ role: "waiter", storeId: r.storeId });
      // Only the role: the store stays.
      ok(await r.client.patch(t.path, { role: "kitchen" }), "role");
      const kitchen = (await t.read()) as any;
      expect(kitchen).toEqual({ ...before, role: "kitchen" });
      // Only the store: the role stays.
      ok(await r.client.patch(t.path, { storeId: null }), "store");
      expect(await t.read()).toEqual({ ...kitchen, storeId: null });
    },
  },

  "/api/merchants/{merchantId}/menu/categories/{categoryId}": {
    async target() {
      const { category } = ok(await r.client.post(`${menu()}/categories`, { name: { en: "Drinks" } }), "category");
      const path = `${menu()}/categories/${category.id}`;
      return { path, client: r.client, read: async () => ok(await r.client.get(menu()), "menu").categories.find((c: any) => c.id === category.id) };
    },
    async preserves() {
      const created = ok(
        await r.client.post(`${menu()}/categories`, { name: { en: "Wine", fr: "Vins" }, description: { en: "By the glass" }, station: "bar", hidden: true }),
        "category",
      ).category;
      const path = `${menu()}/categories/${created.id}`;
      const read = async () => without(ok(await r.client.get(menu()), "menu").categories.find((c: any) => c.id === created.id), "dishes");
      const before = await read();
      const patched = ok(await r.client.patch(path, { name: { en: "Wines", fr: "Vins" } }), "rename").category;
      expect(without(patched, "name")).toEqual(without(before, "name"));
      expect(await read()).toEqual({ ...before, name: { en: "Wines", fr: "Vins" } });
      ok(await r.client.patch(path, { hidden: false }), "show");
      expect(await read()).toEqual({ ...before, name: { en: "Wines", fr: "Vins" }, hidden: false });
    },
  },

  "/api/merchants/{merchantId}/menu/dishes/{dishId}": {
    async target() {
      const dish = await newDish();
      return { path: `${menu()}/dishes/${dish.id}`, client: r.client, read: () => readDish(dish.id) };
    },
    async preserves() {
      const dish = await newDish();
      const path = `${menu()}/dishes/${dish.id}`;
      const before = await readDish(dish.id);
      const patched = ok(await r.client.patch(path, { price: 1400 }), "price").dish;
      expect(patched.price).toBe(1400);
      expect(without(patched, "price")).toEqual(without(before, "price"));
      ok(await r.client.patch(path, { name: { en: "Beef noodle soup", fr: "Soupe de nouilles" } }), "rename");
      expect(without(await readDish(dish.id), "name")).toEqual(without({ ...before, price: 1400 }, "name"));
    },
  },

  "/api/merchants/{merchantId}/menu/option-groups/{groupId}": {
    async target() {
      const dish = await newDish();
      const size = groupOf(dish, "Size");
      return { path: `${menu()}/option-groups/${size.id}`, client: r.client, read: async () => groupOf(await readDish(dish.id), "Size") };
    },
    async preserves() {
      // The bug seen: a name-only PATCH turned a required choice (minSelect 1) optional.
      const dish = await newDish();
      const extras = groupOf(dish, "Extras");
      const before = await readDish(dish.id);
      const patched = ok(await r.client.patch(`${menu()}/option-groups/${extras.id}`, { name: { en: "Toppings", fr: "Garnitures" } }), "rename").dish;
      const after = groupOf(patched, "Toppings");
      expect(after).toEqual({ ...extras, name: { en: "Toppings", fr: "Garnitures" } });
      expect(without(patched, "optionGroups")).toEqual(without(before, "optionGroups"));
      expect(groupOf(patched, "Size")).toEqual(groupOf(before, "Size"));
    },
  },

  "/api/merchants/{merchantId}/menu/options/{optionId}": {
    async target() {
      const dish = await newDish();
      const large = groupOf(dish, "Size").options[1];
      return { path: `${menu()}/options/${large.id}`, client: r.client, read: async () => groupOf(await readDish(dish.id), "Size").options[1] };
    },
    async preserves() {
      const dish = await newDish();
      const [regular, large] = groupOf(dish, "Size").options;
      const renamed = ok(await r.client.patch(`${menu()}/options/${large.id}`, { name: { en: "Big", fr: "Grand" } }), "rename").dish;
      expect(groupOf(renamed, "Size").options).toEqual([regular, { ...large, name: { en: "Big", fr: "Grand" } }]);
      // The preselected option keeps being preselected when only its price changes.
      const repriced = ok(await r.client.patch(`${menu()}/options/${regular.id}`, { priceDelta: 50 }), "reprice").dish;
      expect(groupOf(repriced, "Size").options[0]).toEqual({ ...regular, priceDelta: 50, isDefault: true });
      expect(without(repriced, "optionGroups")).toEqual(without(dish, "optionGroups"));
    },
  },

  "/api/merchants/{merchantId}/stores/{storeId}/tables/{tableId}": {
    async target() {
      const { path, read } = await newTable();
      return { path, client: r.client, read };
    },
    async preserves() {
      const { path, read } = await newTable();
      const before = await read();
      const patched = ok(await r.client.patch(path, { name: `Renamed ${before.name}` }), "rename").table;
      expect(without(patched, "name")).toEqual(without(before, "name"));
      expect(await read()).toEqual({ ...before, name: `Renamed ${before.name}` });
      ok(await r.client.patch(path, { seats: 2 }), "seats");
      expect(await read()).toEqual({ ...before, name: `Renamed ${before.name}`, seats: 2 });
    },
  },

  "/api/merchants/{merchantId}/stores/{storeId}/floor/tables/{tableId}/lines/{lineId}": {
    async target() {
      const { lineId, read, tableId } = await guestWithLine();
      return { path: `${floorPath(r)}/tables/${tableId}/lines/${lineId}`, client: r.client, read };
    },
    async preserves() {
      const { lineId, read, tableId } = await guestWithLine();
      const path = `${floorPath(r)}/tables/${tableId}/lines/${lineId}`;
      const before = (await read()).line;
      ok(await r.client.patch(path, { quantity: 3 }), "quantity");
      const after = (await read()).line;
      expect(without(after, "quantity", "lineTotal")).toEqual(without(before, "quantity", "lineTotal"));
      expect(after.quantity).toBe(3);
      ok(await r.client.patch(path, { note: "well done" }), "note");
      expect((await read()).line).toEqual({ ...after, note: "well done" });
    },
  },

  "/api/guest/session/lines/{lineId}": {
    async target() {
      const { guest, lineId, read, headers } = await guestWithLine();
      return { path: `/api/guest/session/lines/${lineId}`, client: guest.client, headers, read };
    },
    async preserves() {
      const { guest, lineId, read } = await guestWithLine();
      const before = (await read()).line;
      ok(await guest.req("PATCH", `/session/lines/${lineId}`, { note: "extra napkins" }), "note");
      expect((await read()).line).toEqual({ ...before, note: "extra napkins" });
      ok(await guest.req("PATCH", `/session/lines/${lineId}`, { quantity: 1 }), "quantity");
      const after = (await read()).line;
      expect(without(after, "quantity", "lineTotal")).toEqual(without({ ...before, note: "extra napkins" }, "quantity", "lineTotal"));
      expect(after.lineTotal).toBe(after.unitPrice);
    },
  },

  "/api/guest/session/me": {
    async target() {
      const { guest, read, headers } = await guestWithLine();
      return { path: "/api/guest/session/me", client: guest.client, headers, read };
    },
    async preserves() {
      const { guest, read } = await guestWithLine();
      const before = await read();
      ok(await guest.req("PATCH", "/session/me", { name: "Bea" }), "rename");
      const after = await read();
      expect(after.me).toEqual({ ...before.me, name: "Bea" });
      // The diner's line is still theirs, unchanged.
      expect(after.line).toEqual(before.line);
    },
  },
};

beforeAll(async () => {
  r = await setupRestaurant(8);
});

describe("every PATCH route changes exactly the fields it names", () => {
  it("each PATCH operation in /api/openapi.json has a field-preservation case here", async () => {
    const ops = await patchOperations();
    expect(ops.length).toBeGreaterThanOrEqual(11);
    expect(ops.filter((p) => !(p in cases))).toEqual([]);
    expect(Object.keys(cases).filter((p) => !ops.includes(p))).toEqual([]);
  });

  it("no PATCH body in the OpenAPI document declares a default, and each asks for at least one field", async () => {
    type Schema = { $ref?: string; default?: unknown; minProperties?: number; properties?: Record<string, Schema>; allOf?: Schema[]; anyOf?: Schema[] };
    const doc = (await (await exports.default.fetch("https://t.test/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components.schemas[s.$ref.split("/").pop()!]!) : s);
    const defaults = (s: Schema, at: string): string[] => {
      const r = resolve(s);
      return [
        ...("default" in r ? [at] : []),
        ...Object.entries(r.properties ?? {}).flatMap(([k, v]) => defaults(v, `${at}.${k}`)),
        ...[...(r.allOf ?? []), ...(r.anyOf ?? [])].flatMap((v) => defaults(v, at)),
      ];
    };
    // The check sees defaults where there are some: the create schema of a table has them.
    const createTable = (doc.paths["/api/merchants/{merchantId}/stores/{storeId}/tables"] as any).post.requestBody.content["application/json"].schema;
    expect(defaults(createTable, "POST tables")).toEqual(["POST tables.area", "POST tables.seats"]);
    const patchable = Object.entries(doc.paths).filter(([, ops]) => ops.patch?.requestBody);
    expect(patchable.length).toBeGreaterThanOrEqual(11);
    const found = patchable.flatMap(([path, ops]) => defaults(ops.patch!.requestBody!.content["application/json"]!.schema, path));
    expect(found).toEqual([]);
    for (const [path, ops] of patchable.filter(([p]) => p.startsWith("/api/merchants/"))) {
      if (path.includes("/floor/")) continue; // cart lines: the table's own schema, checked by the 400 sweep below
      expect(resolve(ops.patch!.requestBody!.content["application/json"]!.schema).minProperties, path).toBe(1);
    }
  });

  for (const [path, c] of Object.entries(cases)) {
    it(`PATCH ${path} keeps every field it does not name`, () => c.preserves());
  }
});

describe("a PATCH that names nothing is a 400 with the error shape", () => {
  for (const [path, c] of Object.entries(cases)) {
    it(`PATCH ${path}: no body, {} and only unknown keys`, async () => {
      const t = await c.target();
      const before = await t.read();
      expect(before).toBeTruthy();
      for (const body of [undefined, {}, { bogus: 1, colour: "red" }]) {
        const res = await t.client.req("PATCH", t.path, body, t.headers);
        expect(res.status, `${JSON.stringify(body)}`).toBe(400);
        expect(res.body.error).toMatchObject({ code: "invalid_request", message: expect.any(String) });
      }
      expect(await t.read()).toEqual(before);
    });
  }
});

describe("the bugs that were seen", () => {
  it("an option renamed alone keeps its 300 upcharge", async () => {
    const dish = await newDish();
    const large = groupOf(dish, "Size").options.find((o: any) => o.name.en === "Large");
    expect(large.priceDelta).toBe(300);
    const res = await r.client.patch(`${menu()}/options/${large.id}`, { name: { en: "XL" } });
    expect(res.status).toBe(200);
    const after = groupOf(await readDish(dish.id), "Size").options.find((o: any) => o.id === large.id);
    expect(after).toMatchObject({ name: { en: "XL" }, priceDelta: 300, isDefault: false });
  });

  it("an option group renamed alone stays required (minSelect 1)", async () => {
    const dish = await newDish();
    const size = groupOf(dish, "Size");
    expect(size.minSelect).toBe(1);
    const res = await r.client.patch(`${menu()}/option-groups/${size.id}`, { name: { en: "Portion" } });
    expect(res.status).toBe(200);
    expect(groupOf(await readDish(dish.id), "Portion")).toMatchObject({ minSelect: 1, maxSelect: 1, kind: "single" });
  });

  it("a table renamed alone keeps its area and seats", async () => {
    const { path, read } = await newTable();
    const res = await r.client.patch(path, { name: `Window ${Date.now()}` });
    expect(res.status).toBe(200);
    expect(res.body.table).toMatchObject({ area: "Terrace", seats: 6 });
    expect(await read()).toMatchObject({ area: "Terrace", seats: 6 });
  });

  it("an empty PATCH of the merchant, a store or a category answers 400, not 500 “No values to set”", async () => {
    const { category } = ok(await r.client.post(`${menu()}/categories`, { name: { en: "Desserts" } }), "category");
    for (const path of [m(), `${m()}/stores/${r.storeId}`, `${menu()}/categories/${category.id}`]) {
      const res = await r.client.patch(path, {});
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe("invalid_request");
      expect(res.body.error.message, path).toMatch(/at least one field/);
    }
  });

  it("a known field next to unknown ones is applied, the unknown ones ignored", async () => {
    const { path, read } = await newTable();
    const res = await r.client.patch(path, { seats: 8, colour: "red" });
    expect(res.status).toBe(200);
    expect(await read()).toMatchObject({ area: "Terrace", seats: 8 });
  });
});
