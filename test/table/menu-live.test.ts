import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoreFloor } from "../../src/floor/store-floor";
import { floorName } from "../../src/floor/names";
import type { TableSession } from "../../src/table/table-session";
import type { GuestMenuState, ServerMessage } from "../../src/table/protocol";
import type { MenuSnapshot } from "../../src/domain/menu/snapshot";
import { storeOf } from "./storage";
import { Guest, setupRestaurant, staffClient, type LiveSocket, type Restaurant } from "./helpers";

/** Every table of the test store lets anyone in (admission is another suite's subject). */
async function openStore(r: Restaurant) {
  await env.DB.prepare("UPDATE stores SET admission = 'open' WHERE id = ?").bind(r.storeId).run().catch(() => undefined);
}

const floorOf = (r: Restaurant) => env.FLOOR.getByName(floorName(r.merchantId, r.storeId)) as DurableObjectStub<StoreFloor>;
const tableReads = (tableId: string) =>
  runInDurableObject(env.TABLE.getByName(tableId), (o: TableSession) => o.menuReads);
const floorReads = (r: Restaurant) => runInDurableObject(floorOf(r), (o: StoreFloor) => o.menuReads);

/** The floor learns of a session from the table's card, which the table sends right after a join. */
async function untilFloorKnows(r: Restaurant, tableIds: string[]) {
  for (let i = 0; i < 100; i++) {
    const open = await floorOf(r).openTableIds();
    if (tableIds.every((id) => open.includes(id))) return;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error("the floor never learned of the open tables");
}

const lastMenu = (s: LiveSocket): GuestMenuState | null =>
  (s.messages.filter((m) => m.type === "menu").at(-1) as Extract<ServerMessage, { type: "menu" }> | undefined)?.menu ?? null;

describe("menu changes reach open tables live", () => {
  let r: Restaurant;
  beforeAll(async () => {
    r = await setupRestaurant(6);
    await openStore(r);
  });

  it("a price change reaches an open page and its cart line at once, marked as changed", async () => {
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana");
    await g.add(r.dish.steak);
    const s = await g.connect();
    await s.until(() => s.view !== null && lastMenu(s) !== null, 5000, "snapshot and menu");
    // On connect the page gets the dish prices and states (never the staff-only dish).
    expect(lastMenu(s)!.dishes[r.dish.steak]).toEqual({ price: 2400, state: "available", options: {} });
    expect(lastMenu(s)!.dishes[r.dish.staffMeal]).toBeUndefined();
    expect(s.view!.lines[0]).toMatchObject({ unitPrice: 2400, priceWas: null });
    await untilFloorKnows(r, [g.tableId]);

    // The table holds the menu in a cache for minutes: only the push can bring this in time.
    const started = Date.now();
    const res = await r.client.patch(`/api/merchants/${r.merchantId}/menu/dishes/${r.dish.steak}`, { price: 2650 });
    expect(res.status).toBe(200);
    await s.until(() => s.view!.lines[0]?.unitPrice === 2650, 1000, "the new price in the cart");
    await s.until(() => lastMenu(s)!.dishes[r.dish.steak]!.price === 2650, 1000, "the new price on the dish card");
    expect(Date.now() - started).toBeLessThan(1500);
    expect(s.view!.lines[0]).toMatchObject({ unitPrice: 2650, lineTotal: 2650, priceWas: 2400 });
    // The mark stays on reload (it is the table's, not the page's)…
    expect((await g.view()).body.view.lines[0]).toMatchObject({ unitPrice: 2650, priceWas: 2400 });
    // …until the diner changes the line at the new price.
    await g.req("PATCH", `/session/lines/${s.view!.lines[0]!.id}`, { quantity: 2 });
    expect((await g.view()).body.view.lines[0]).toMatchObject({ unitPrice: 2650, lineTotal: 5300, priceWas: null });
    s.close();
  });

  it("sold out and back in stock reach the page and the cart within a second; adding a sold-out dish is refused at once", async () => {
    const g = new Guest();
    await g.join(r.tables[1]!.code, "Ben");
    await g.add(r.dish.cola, { quantity: 2 });
    const s = await g.connect();
    await s.until(() => s.view !== null && lastMenu(s) !== null);
    await untilFloorKnows(r, [g.tableId]);
    const waiter = await staffClient(r, "waiter");

    const soldOut = await waiter.put(`/api/merchants/${r.merchantId}/menu/dishes/${r.dish.cola}/sold-out`, { storeId: r.storeId, soldOut: true });
    expect(soldOut.status).toBe(200);
    await s.until(() => s.view!.lines[0]?.problem === "sold_out", 1000, "the cart line flagged");
    await s.until(() => lastMenu(s)!.dishes[r.dish.cola]!.state === "sold_out", 1000, "the dish card marked");
    const add = await g.add(r.dish.cola);
    expect(add.status).toBe(409);
    expect(add.body.error.code).toBe("sold_out");
    s.send({ type: "op", id: "so1", op: { op: "add", dishId: r.dish.cola, optionIds: [], quantity: 1, note: "" } });
    await s.until(() => s.messages.some((m) => m.type === "error" && m.id === "so1"), 1000);
    expect(s.messages.find((m) => m.type === "error" && m.id === "so1")).toMatchObject({ code: "sold_out" });

    await waiter.put(`/api/merchants/${r.merchantId}/menu/dishes/${r.dish.cola}/sold-out`, { storeId: r.storeId, soldOut: false });
    await s.until(() => s.view!.lines[0]?.problem === null, 1000, "the flag lifted");
    await s.until(() => lastMenu(s)!.dishes[r.dish.cola]!.state === "available", 1000);
    expect((await g.add(r.dish.cola)).status).toBe(200);
    s.close();
  });

  it("a hidden dish leaves open pages and its cart lines are flagged", async () => {
    const g = new Guest();
    await g.join(r.tables[2]!.code);
    await g.add(r.dish.burger);
    const s = await g.connect();
    await s.until(() => s.view !== null && lastMenu(s) !== null);
    await untilFloorKnows(r, [g.tableId]);
    await r.client.patch(`/api/merchants/${r.merchantId}/menu/dishes/${r.dish.burger}`, { hidden: true });
    await s.until(() => lastMenu(s)!.dishes[r.dish.burger] === undefined, 1000, "the dish gone from the page");
    await s.until(() => s.view!.lines[0]?.problem === "off_menu", 1000);
    expect((await g.add(r.dish.burger)).body.error.code).toBe("unknown_dish");
    await r.client.patch(`/api/merchants/${r.merchantId}/menu/dishes/${r.dish.burger}`, { hidden: false });
    await s.until(() => lastMenu(s)!.dishes[r.dish.burger] !== undefined, 1000);
    s.close();
  });
});

describe("a store with many open tables is not flooded", () => {
  it("one D1 menu read per change for the whole store; the tables read nothing", async () => {
    const r = await setupRestaurant(8);
    await openStore(r);
    const guests = r.tables.map(() => new Guest());
    const sockets: LiveSocket[] = [];
    for (const [i, g] of guests.entries()) {
      await g.join(r.tables[i]!.code);
      await g.add(r.dish.steak);
      const s = await g.connect();
      await s.until(() => s.view !== null);
      sockets.push(s);
    }
    await untilFloorKnows(r, guests.map((g) => g.tableId));
    const floorBefore = await floorReads(r);
    const tablesBefore = await Promise.all(guests.map((g) => tableReads(g.tableId)));

    await r.client.patch(`/api/merchants/${r.merchantId}/menu/dishes/${r.dish.steak}`, { price: 2500 });
    await Promise.all(sockets.map((s) => s.until(() => s.view!.lines[0]?.unitPrice === 2500, 1000, "every table re-priced")));

    expect(await floorReads(r)).toBe(floorBefore + 1);
    expect(await Promise.all(guests.map((g) => tableReads(g.tableId)))).toEqual(tablesBefore);
    for (const s of sockets) s.close();
  });

  it("a burst of changes is coalesced: at most one read in flight and one queued", async () => {
    const r = await setupRestaurant(2);
    await openStore(r);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await untilFloorKnows(r, [g.tableId]);
    const before = await floorReads(r);
    const floor = floorOf(r);
    const answers = await Promise.all(Array.from({ length: 10 }, () => floor.menuChanged(r.merchantId, r.storeId)));
    expect(answers.every((a) => a.tables === 1 && a.failed === 0)).toBe(true);
    expect((await floorReads(r)) - before).toBeLessThanOrEqual(2);
  });

  it("a table ignores a pushed menu older than the one it holds", async () => {
    const r = await setupRestaurant(1);
    await openStore(r);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.steak);
    const table = env.TABLE.getByName(g.tableId) as DurableObjectStub<TableSession>;
    // The menu the table holds, as its storage keeps it.
    const current = (await runInDurableObject(table, (_o: TableSession, state) => storeOf(state).getKv<MenuSnapshot>("menu")))!;
    const stale = { ...current, version: current.version - 1, categories: current.categories.map((c) => ({ ...c, dishes: c.dishes.map((d) => ({ ...d, price: 1 })) })) };
    expect(await table.menuUpdated(stale)).toEqual({ changed: false });
    expect((await g.view()).body.view.lines[0].unitPrice).toBe(2400);
  });
});
