import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { stores } from "../../src/db/schema";
import { checkShown, type ShownCart } from "../../src/domain/cart/shown";
import { lineConfirmers, stillToConfirm } from "../../src/domain/table/confirm";
import { cartTotal, waitingFor, WS_LIMITS, type ServerMessage, type TableView } from "../../src/table/protocol";
import { db, floorPath, Guest, setupRestaurant, staffClient, type Restaurant } from "./helpers";

async function openStore(r: Restaurant) {
  await env.DB.prepare("UPDATE stores SET admission = 'open' WHERE id = ?").bind(r.storeId).run().catch(() => undefined);
}

/** What a page shows of a view: the payload the guest island sends with Send. */
const shownOf = (view: TableView): ShownCart => ({
  total: cartTotal(view),
  lines: view.lines.map((l) => ({ id: l.id, unitPrice: l.unitPrice, quantity: l.quantity })),
});

describe("checking a send against what the page showed", () => {
  const cart = [
    { id: "lin_a", unitPrice: 550, quantity: 2 },
    { id: "lin_b", unitPrice: 350, quantity: 1 },
  ];
  const shown: ShownCart = { total: 1450, lines: cart.map((l) => ({ ...l })) };

  it("accepts exactly what was shown", () => {
    expect(checkShown(cart, shown, "EUR")).toEqual({ ok: true, value: null });
  });

  it("refuses a changed unit price with the new total and the line", () => {
    const now = [{ ...cart[0]!, unitPrice: 620 }, cart[1]!];
    const r = checkShown(now, shown, "EUR");
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: "prices_changed",
        message: expect.stringContaining("€15.90"),
        details: { total: 1590, shownTotal: 1450, repriced: true, changed: [{ lineId: "lin_a", unitPrice: 620, shownPrice: 550 }] },
      },
    });
  });

  it("refuses a line the page did not show, one it showed that is gone, and a changed quantity", () => {
    expect(checkShown([...cart, { id: "lin_c", unitPrice: 100, quantity: 1 }], shown, "EUR")).toMatchObject({ ok: false, error: { code: "prices_changed", details: { total: 1550, repriced: false } } });
    expect(checkShown([cart[0]!], shown, "EUR")).toMatchObject({ ok: false, error: { details: { changed: [{ lineId: "lin_b", unitPrice: null }] } } });
    expect(checkShown([{ ...cart[0]!, quantity: 3 }, cart[1]!], shown, "EUR").ok).toBe(false);
    // The total shown must match too (a page that added up something else).
    expect(checkShown(cart, { ...shown, total: 1400 }, "EUR").ok).toBe(false);
  });
});

describe("a round never charges a price the sender's page did not show", () => {
  let r: Restaurant;
  beforeAll(async () => {
    r = await setupRestaurant(4);
    await openStore(r);
  });

  it("over HTTP: a send after a price change is refused with the new total; the next send at the new price goes", async () => {
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana");
    await g.add(r.dish.cola, { quantity: 2 });
    const seen = (await g.view()).body.view as TableView;
    expect(cartTotal(seen)).toBe(700);

    await r.client.patch(`/api/merchants/${r.merchantId}/menu/dishes/${r.dish.cola}`, { price: 420 });
    const refused = await g.req("POST", "/session/rounds", { requestId: "s1", shown: shownOf(seen) });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "prices_changed", details: { total: 840, shownTotal: 700, repriced: true } });
    expect((await g.view()).body.view.rounds).toHaveLength(0);

    const now = (await g.view()).body.view as TableView;
    expect(now.lines[0]).toMatchObject({ unitPrice: 420, priceWas: 350 });
    const sent = await g.req("POST", "/session/rounds", { requestId: "s2", shown: shownOf(now) });
    expect(sent.status).toBe(200);
    const after = (await g.view()).body.view as TableView;
    expect(after.rounds[0]!.subtotal).toBe(840);
  });

  it("over the WebSocket: the same refusal, as an error reply to the send", async () => {
    const g = new Guest();
    await g.join(r.tables[1]!.code);
    await g.add(r.dish.steak);
    const s = await g.connect();
    await s.until(() => s.view !== null);
    const seen = s.view!;
    // Someone else's line arrives between what the page showed and the press.
    const other = new Guest();
    await other.join(r.tables[1]!.code);
    await other.add(r.dish.cola);
    const total = cartTotal((await other.view()).body.view as TableView);
    expect(total).toBeGreaterThan(cartTotal(seen));
    s.send({ type: "submit", id: "w1", shown: shownOf(seen) });
    await s.until(() => s.messages.some((m) => (m.type === "error" || m.type === "ack") && m.id === "w1"));
    expect(s.messages.find((m) => m.type === "error" && m.id === "w1")).toMatchObject({ code: "prices_changed", details: { total, shownTotal: 2400 } });
    await s.until(() => s.view!.lines.length === 2);
    s.send({ type: "submit", id: "w2", shown: shownOf(s.view!) });
    await s.until(() => s.messages.some((m) => m.type === "ack" && m.id === "w2"));
    await s.until(() => s.view!.rounds.length === 1);
    expect(s.view!.rounds[0]!.subtotal).toBe(total);
    s.close();
  });

  it("the staff order pad still sends without a page's prices", async () => {
    const waiter = await staffClient(r, "waiter");
    const table = r.tables[2]!;
    const add = await waiter.post(`${floorPath(r)}/tables/${table.id}/lines`, { dishId: r.dish.steak });
    expect(add.status).toBe(200);
    const sent = await waiter.post(`${floorPath(r)}/tables/${table.id}/rounds`, {});
    expect(sent.status).toBe(200);
    expect(sent.body.roundId).toMatch(/^rnd_/);
  });
});

describe("what guests see of staff", () => {
  it("a staff member's internal user id appears nowhere a guest can read; their name does", async () => {
    const r = await setupRestaurant(1);
    await openStore(r);
    const waiter = await staffClient(r, "waiter");
    const me = await waiter.get("/api/auth/me");
    const userId: string = me.body.user?.id ?? me.body.id;
    expect(userId).toMatch(/^usr_/);
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana");
    const s = await g.connect();
    await s.until(() => s.view !== null);
    await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/lines`, { dishId: r.dish.cola });
    const sent = await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/rounds`, {});
    expect(sent.status).toBe(200);
    await s.until(() => s.view!.rounds.length === 1);
    const seen = JSON.stringify([(await g.view()).body, s.messages]);
    expect(seen).not.toContain(userId);
    expect(seen).not.toContain("usr_");
    expect(s.view!.diners.find((d) => d.staff)?.name).toBe("waiter person");
    // The same staff member stays one diner (their lines stay theirs).
    await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/lines`, { dishId: r.dish.cola });
    expect((await g.view()).body.view.diners.filter((d: { staff: boolean }) => d.staff)).toHaveLength(1);
    s.close();
  });
});

describe("sync messages count in the diner's rate limit", () => {
  it("a diner's sockets together get no more snapshots than the diner's allowance", async () => {
    const r = await setupRestaurant(1);
    await openStore(r);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    const sockets = [await g.connect(), await g.connect(), await g.connect()];
    for (const s of sockets) await s.until(() => s.view !== null);
    // 3 × 38 syncs: under each socket's own limit (40 at once), far over the diner's (40 at once, then 20/s).
    const started = Date.now();
    for (let i = 0; i < 38; i++) for (const s of sockets) s.send({ type: "sync" });
    const count = (pick: (m: ServerMessage) => boolean) => sockets.reduce((n, s) => n + s.messages.filter(pick).length, 0);
    const snapshots = () => count((m) => m.type === "snapshot") - sockets.length;
    const limited = () => count((m) => m.type === "error" && m.code === "rate_limited");
    await sockets[0]!.until(() => snapshots() + limited() >= 3 * 38, 10_000, "every sync answered");
    const seconds = (Date.now() - started) / 1000;
    expect(limited()).toBeGreaterThan(0);
    expect(snapshots()).toBeLessThanOrEqual(WS_LIMITS.burst + WS_LIMITS.perSecond * seconds + 1);
    expect(sockets.every((s) => s.closed === null)).toBe(true);
    for (const s of sockets) s.close();
  });
});

describe("every diner confirms: taking over an away diner's line", () => {
  it("the rule: a line's adder confirms it even after someone took it over", () => {
    const lines = [
      { dinerId: "din_b", addedBy: "din_a" }, // Ben took over Ana's line
      { dinerId: "din_b", addedBy: "din_b" },
      { dinerId: "stf_1", addedBy: "stf_1" },
      { dinerId: "din_b", addedBy: "stf_1" }, // staff lines taken over need no staff confirmation
    ];
    const staff = (id: string) => id.startsWith("stf_");
    expect(lineConfirmers(lines, staff).sort()).toEqual(["din_a", "din_b", "stf_1"]);
    // Ana is away (not present) and has not confirmed: the round waits for her.
    expect(stillToConfirm(lineConfirmers(lines.slice(0, 2), staff), ["din_b"], ["din_b"])).toEqual(["din_a"]);
  });

  it("a diner who took over an away diner's line cannot send it without that diner; removing it is allowed", async () => {
    const r = await setupRestaurant(1);
    await openStore(r);
    await db().update(stores).set({ requireAllConfirm: true }).where(eq(stores.id, r.storeId));
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
    const line = (await a.add(r.dish.steak)).body.lineId as string;
    // Ana's page is closed (away). Ben takes her line over and presses Send.
    const phone = await b.connect();
    await phone.until(() => phone.view !== null);
    expect((await b.req("POST", `/session/lines/${line}/take-over`)).status).toBe(200);
    const first = await b.req("POST", "/session/rounds", {});
    expect(first.body).toMatchObject({ roundId: null, waitingFor: [a.dinerId] });
    // The page shows who the round waits for: the object's rule and the island's agree.
    await phone.until(() => phone.view!.confirmed.includes(b.dinerId));
    expect(waitingFor(phone.view!)).toEqual([a.dinerId]);
    const again = await b.req("POST", "/session/rounds", {});
    expect(again.body.roundId).toBeNull();
    expect((await b.view()).body.view.rounds).toHaveLength(0);

    // Ana confirms from her phone: the round goes.
    const sent = await a.req("POST", "/session/rounds", {});
    expect(sent.body.roundId).toMatch(/^rnd_/);
    phone.close();
  });

  it("a price change voids the confirmations given at the old prices", async () => {
    const r = await setupRestaurant(1);
    await openStore(r);
    await db().update(stores).set({ requireAllConfirm: true }).where(eq(stores.id, r.storeId));
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
    await a.add(r.dish.steak);
    await b.add(r.dish.cola);
    expect((await a.req("POST", "/session/rounds", {})).body.waitingFor).toEqual([b.dinerId]);
    expect((await b.view()).body.view.confirmed).toEqual([a.dinerId]);
    // The floor tells the table once it knows the session (its card arrives just after the join).
    await expect.poll(async () => (await env.FLOOR.getByName(`${r.merchantId}:${r.storeId}`).openTableIds()).length).toBe(1);
    await r.client.patch(`/api/merchants/${r.merchantId}/menu/dishes/${r.dish.steak}`, { price: 2600 });
    await expect.poll(async () => (await b.view()).body.view.confirmed).toEqual([]);
    // Ben's press now only confirms: Ana must confirm the new price herself.
    expect((await b.req("POST", "/session/rounds", {})).body).toMatchObject({ roundId: null, waitingFor: [a.dinerId] });
  });

  it("whoever took the line over may remove it, and a dish of their own needs only them", async () => {
    const r = await setupRestaurant(1);
    await openStore(r);
    await db().update(stores).set({ requireAllConfirm: true }).where(eq(stores.id, r.storeId));
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
    const line = (await a.add(r.dish.steak)).body.lineId as string;
    await b.req("POST", `/session/lines/${line}/take-over`);
    expect((await b.req("DELETE", `/session/lines/${line}`)).status).toBe(200);
    await b.add(r.dish.steak);
    const sent = await b.req("POST", "/session/rounds", {});
    expect(sent.body.roundId).toMatch(/^rnd_/);
  });
});
