import { env, exports } from "cloudflare:workers";
import { evictDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { FloorMessage, TableCard } from "../../src/floor/protocol";
import { stores } from "../../src/db/schema";
import { newId } from "../../src/domain/ids";
import { floorName } from "../../src/floor/names";
import { Client, signUpMerchant } from "../helpers/client";
import { db, floorPath, Guest, setupRestaurant, staffClient, type Restaurant } from "../table/helpers";

/** A staff board's socket: keeps the floor's cards up to date like the board does. */
class FloorSocket {
  cards = new Map<string, TableCard>();
  messages: FloorMessage[] = [];
  v = -1;
  closed: number | null = null;
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (e) => {
      const msg = JSON.parse(e.data as string) as FloorMessage;
      this.messages.push(msg);
      if (msg.type === "snapshot") {
        this.cards = new Map(msg.view.tables.map((c) => [c.tableId, c]));
        this.v = msg.v;
      } else if (msg.type === "table") {
        this.cards.set(msg.card.tableId, { ...this.cards.get(msg.card.tableId), ...msg.card });
        this.v = msg.v;
      }
      for (const w of this.waiters.splice(0)) w();
    });
    ws.addEventListener("close", (e) => {
      this.closed = e.code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(client: Client, path: string) {
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await exports.default.fetch(`https://tableside.test${path}/ws`, { headers: { Upgrade: "websocket", cookie } });
    if (!res.webSocket) throw new Error(`floor upgrade refused: ${res.status} ${await res.text()}`);
    return new FloorSocket(res.webSocket);
  }

  async until(check: () => boolean, ms = 5000, what = "condition") {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

describe("staff roles on the floor", () => {
  let r: Restaurant;
  let kitchen: Client;
  let waiter: Client;
  let itemId: string;
  let callId: string;
  const t = () => `${floorPath(r)}/tables/${r.tables[0]!.id}`;

  beforeAll(async () => {
    r = await setupRestaurant(2);
    kitchen = await staffClient(r, "kitchen");
    waiter = await staffClient(r, "waiter");
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.burger);
    await g.req("POST", "/session/rounds", {});
    callId = (await g.req("POST", "/session/calls", { kind: "waiter" })).body.callId;
    itemId = (await g.view()).body.view.rounds[0].items[0].id;
  });

  it("needs a signed-in member of the merchant", async () => {
    const anon = new Client();
    expect((await anon.get(floorPath(r))).status).toBe(401);
    expect((await anon.post(`${t()}/close`, {})).status).toBe(401);
    const stranger = await signUpMerchant();
    expect((await stranger.client.get(floorPath(r))).status).toBe(404);
    expect((await stranger.client.post(`${t()}/items/${itemId}/state`, { state: "ready" })).status).toBe(404);
    // Guests' tokens are not staff credentials.
    const g = new Guest();
    await g.join(r.tables[1]!.code);
    expect((await g.client.req("POST", `${t()}/close`, {}, { authorization: `Bearer ${g.token}` })).status).toBe(401);
  });

  it("opens the live floor only to pages of its own origin", async () => {
    const cookie = [...kitchen.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const open = (origin: string) =>
      exports.default.fetch(`https://tableside.test${floorPath(r)}/ws`, { headers: { Upgrade: "websocket", cookie, origin } });
    const foreign = await open("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(foreign.webSocket).toBeNull();
    const own = await open("https://tableside.test");
    expect(own.status).toBe(101);
    own.webSocket!.accept();
    own.webSocket!.close();
  });

  it("lets kitchen staff move items and acknowledge calls, but not run tables", async () => {
    for (const [path, body] of [
      [`${t()}/open`, {}],
      [`${t()}/close`, {}],
      [`${t()}/move`, { toTableId: r.tables[1]!.id }],
      [`${t()}/merge`, { toTableId: r.tables[1]!.id }],
      [`${t()}/items/${itemId}/void`, { reason: "no" }],
      [`${t()}/lines`, { dishId: r.dish.cola }],
      [`${t()}/rounds`, {}],
    ] as const) {
      const res = await kitchen.post(path, body);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect((await kitchen.post(`${t()}/items/${itemId}/state`, { state: "preparing" })).body.state).toBe("preparing");
    expect((await kitchen.post(`${t()}/calls/${callId}/ack`, {})).status).toBe(200);
    expect((await kitchen.get(floorPath(r))).status).toBe(200);
  });

  it("validates staff input and answers clear errors", async () => {
    expect((await kitchen.post(`${t()}/items/${itemId}/state`, { state: "eaten" })).status).toBe(400);
    expect((await kitchen.post(`${t()}/items/itm_nope/state`, { state: "ready" })).body.error.code).toBe("item_not_found");
    expect((await waiter.post(`${t()}/items/${itemId}/void`, { reason: " " })).status).toBe(400);
    expect((await waiter.post(`${floorPath(r)}/tables/tbl_nope/open`, {})).status).toBe(404);
    expect((await waiter.post(`${t()}/open`, {})).body.error.code).toBe("table_busy");
    // The CSRF token is required on cookie-authenticated writes.
    expect((await waiter.req("POST", `${t()}/close`, {}, { "x-csrf-token": "wrong" })).status).toBe(403);
  });

  it("keeps store-limited staff to their own store", async () => {
    const otherStore = newId("sto");
    await db().insert(stores).values({
      id: otherStore,
      merchantId: r.merchantId,
      name: "Other",
      slug: "other",
      timeZone: "Europe/Paris",
      currency: "EUR",
      languages: ["en"],
      createdAt: Date.now(),
    });
    const elsewhere = await staffClient(r, "waiter", otherStore);
    expect((await elsewhere.get(floorPath(r))).status).toBe(404);
    expect((await elsewhere.post(`${t()}/close`, {})).status).toBe(404);
  });
});

describe("the live floor", () => {
  it("shows a new round at once, lets the kitchen move it through its states, and the guests see it", async () => {
    const r = await setupRestaurant(3);
    const kitchen = await staffClient(r, "kitchen");
    const board = await FloorSocket.open(kitchen, floorPath(r));
    await board.until(() => board.cards.size === 3, 5000, "snapshot");
    expect([...board.cards.values()].map((c) => [c.tableName, c.status, c.area])).toEqual([
      ["T1", "free", "Hall"],
      ["T3", "free", "Hall"],
      ["T2", "free", "Terrace"],
    ]);

    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana");
    const phone = await g.connect();
    await phone.until(() => phone.view !== null);
    await g.add(r.dish.burger, { optionIds: [r.option.cheese], note: "no onion" });
    const t0 = Date.now();
    await g.req("POST", "/session/rounds", {});
    await board.until(() => board.cards.get(r.tables[0]!.id)!.items.length === 1, 5000, "round on the board");
    const card = board.cards.get(r.tables[0]!.id)!;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(card).toMatchObject({ status: "open", guests: 1, orderedTotal: 1350, currency: "EUR" });
    expect(card.items[0]).toMatchObject({ state: "received", station: "grill", note: "no onion", dinerName: "Ana", roundNo: 1, quantity: 1 });
    expect(card.items[0]!.options).toEqual([{ en: "Regular" }, { en: "Cheese" }]);

    const item = card.items[0]!;
    const t = `${floorPath(r)}/tables/${r.tables[0]!.id}`;
    for (const state of ["preparing", "ready", "served"] as const) {
      expect((await kitchen.post(`${t}/items/${item.id}/state`, { state })).status).toBe(200);
      await phone.until(() => phone.view!.rounds[0]!.items[0]!.state === state, 5000, `guest sees ${state}`);
    }
    // Served items leave the kitchen's list.
    await board.until(() => board.cards.get(r.tables[0]!.id)!.items.length === 0, 5000, "served item leaves the board");

    // A reconnecting board catches up with a snapshot.
    const again = await FloorSocket.open(kitchen, floorPath(r));
    await again.until(() => again.cards.size === 3);
    expect(again.cards.get(r.tables[0]!.id)).toMatchObject({ status: "open", guests: 1, rounds: [{ no: 1, items: 1 }] });
    expect(again.v).toBeGreaterThanOrEqual(board.v);
    board.ws.close();
    again.ws.close();
    phone.close();
  });

  it("keeps each table's area and seats on cards pushed after the floor object restarted", async () => {
    const r = await setupRestaurant(2);
    const waiter = await staffClient(r, "waiter");
    const g = new Guest();
    await g.join(r.tables[1]!.code);
    const board = await FloorSocket.open(waiter, floorPath(r));
    await board.until(() => board.cards.get(r.tables[1]!.id)?.status === "open", 5000, "seated table");
    await evictDurableObject(env.FLOOR.getByName(floorName(r.merchantId, r.storeId)));
    const seen = board.messages.length;
    await g.add(r.dish.cola);
    await board.until(() => board.closed !== null || board.messages.slice(seen).some((m) => m.type === "table"), 5000, "card after restart");
    expect(board.closed).toBeNull();
    const pushed = board.messages.slice(seen).find((m) => m.type === "table") as Extract<FloorMessage, { type: "table" }>;
    expect(pushed.card).toMatchObject({ tableName: "T2", area: "Terrace", seats: 4, cartItems: 1 });
    // A table seen for the first time after a restart is looked up in the store's table list.
    await evictDurableObject(env.FLOOR.getByName(floorName(r.merchantId, r.storeId)));
    const before = board.messages.length;
    await new Guest().join(r.tables[0]!.code);
    await board.until(() => board.messages.slice(before).some((m) => m.type === "table"), 5000, "first card after restart");
    const first = board.messages.slice(before).find((m) => m.type === "table") as Extract<FloorMessage, { type: "table" }>;
    expect(first.card).toMatchObject({ tableName: "T1", area: "Hall", seats: 4 });
    board.ws.close();
  });

  it("shows service calls live and clears them when acknowledged; the guest sees the acknowledgement", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    const board = await FloorSocket.open(waiter, floorPath(r));
    await board.until(() => board.cards.size === 1);
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Bo");
    const { callId } = (await g.req("POST", "/session/calls", { kind: "note", note: "A high chair please" })).body;
    await board.until(() => board.cards.get(r.tables[0]!.id)!.calls.length === 1, 5000, "call on the board");
    expect(board.cards.get(r.tables[0]!.id)!.calls[0]).toMatchObject({ kind: "note", note: "A high chair please", dinerName: "Bo" });
    await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/calls/${callId}/ack`, {});
    await board.until(() => board.cards.get(r.tables[0]!.id)!.calls.length === 0, 5000, "call cleared");
    expect((await g.view()).body.view.calls[0].ackedAt).toBeGreaterThan(0);
    board.ws.close();
  });

  it("lets a waiter open a table and order for it; guests see the staff lines and add to them", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    const t = `${floorPath(r)}/tables/${r.tables[0]!.id}`;
    const added = await waiter.post(`${t}/lines`, { dishId: r.dish.staffMeal });
    expect(added.status).toBe(200); // the table was free: it is opened; staff may order staff-only dishes
    await waiter.post(`${t}/lines`, { dishId: r.dish.steak, note: "for the host" });
    const g = new Guest();
    const joined = await g.join(r.tables[0]!.code, "Host");
    expect(joined.view.lines.map((l) => l.note)).toEqual(["", "for the host"]);
    const staffDiner = joined.view.diners.find((d) => d.staff)!;
    expect(staffDiner.name).toBe("waiter person");
    expect(joined.view.lines.every((l) => l.dinerId === staffDiner.id)).toBe(true);
    await g.add(r.dish.cola);
    expect((await waiter.post(`${t}/rounds`, {})).status).toBe(200);
    const view = (await g.view()).body.view;
    expect(view.rounds[0].items).toHaveLength(3);
    expect(view.lines).toEqual([]);
  });

  it("moves a session to a free table and merges two tables; guests follow with renewed tokens", async () => {
    const r = await setupRestaurant(4);
    const waiter = await staffClient(r, "waiter");
    const board = await FloorSocket.open(waiter, floorPath(r));
    await board.until(() => board.cards.size === 4);
    const [T1, T2, T3, T4] = r.tables.map((x) => x.id) as [string, string, string, string];
    const a = new Guest();
    await a.join(r.tables[0]!.code, "Ana");
    await a.add(r.dish.burger);
    await a.req("POST", "/session/rounds", {});
    await a.add(r.dish.cola, { note: "in cart" });
    const phone = await a.connect();
    await phone.until(() => phone.view !== null);

    const moved = await waiter.post(`${floorPath(r)}/tables/${T1}/move`, { toTableId: T2 });
    expect(moved.status).toBe(200);
    expect(moved.body.sessionId).toBe(a.sessionId); // the same session, on another table
    await phone.until(() => phone.closed !== null, 5000, "socket moved");
    expect(phone.closed?.code).toBe(4001);
    const ended = phone.messages.find((m) => m.type === "ended");
    expect(ended).toMatchObject({ type: "ended", reason: "moved", tableId: T2 });
    // With the old token, HTTP follows the session and hands out a renewed token.
    const followed = await a.view();
    expect(followed.status).toBe(200);
    expect(followed.body.token).toBeTruthy();
    expect(followed.headers.get("x-table-token")).toBe(followed.body.token);
    expect(followed.body.view).toMatchObject({ tableId: T2, tableName: "T2" });
    expect(followed.body.view.lines.map((l: { note: string }) => l.note)).toEqual(["in cart"]);
    expect(followed.body.view.rounds).toHaveLength(1);
    // The token in the ended message works directly.
    a.token = (ended as { token: string }).token;
    expect((await a.view()).body.token).toBeUndefined();
    await board.until(() => board.cards.get(T1)!.status === "free" && board.cards.get(T2)!.status === "open", 5000, "board after move");
    expect((await waiter.post(`${floorPath(r)}/tables/${T3}/move`, { toTableId: T2 })).body.error.code).toBe("table_free");

    // Merge: T2 (Ana) folds into T3 (Ben's table).
    const b = new Guest();
    await b.join(r.tables[2]!.code, "Ben");
    await b.add(r.dish.steak);
    expect((await waiter.post(`${floorPath(r)}/tables/${T2}/move`, { toTableId: T3 })).body.error.code).toBe("table_busy");
    const merged = await waiter.post(`${floorPath(r)}/tables/${T2}/merge`, { toTableId: T3 });
    expect(merged.status).toBe(200);
    const view = (await b.view()).body.view;
    expect(view.diners.map((d: { name: string }) => d.name).sort()).toEqual(["Ana", "Ben"]);
    expect(view.lines.map((l: { note: string }) => l.note).sort()).toEqual(["", "in cart"]);
    expect(view.rounds).toHaveLength(1);
    const anaAfter = await a.view();
    expect(anaAfter.body.view.sessionId).toBe(b.sessionId);
    // Ana can keep ordering at the merged table; Ben sees it.
    a.token = anaAfter.body.token;
    await a.add(r.dish.cola, { note: "after merge" });
    expect((await b.view()).body.view.lines.some((l: { note: string }) => l.note === "after merge")).toBe(true);
    await board.until(() => board.cards.get(T2)!.status === "free" && board.cards.get(T3)!.guests === 2, 5000, "board after merge");
    expect(board.cards.get(T4)!.status).toBe("free");
    board.ws.close();
  });
});
