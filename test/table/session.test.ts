import { env } from "cloudflare:workers";
import { describe, expect, it, beforeAll } from "vitest";
import { cartTotal, waitingFor } from "../../src/table/protocol";
import { eq } from "drizzle-orm";
import { stores } from "../../src/db/schema";
import { db, Guest, setSoldOut, setupRestaurant, staffClient, floorPath, type Restaurant } from "./helpers";

describe("joining a table", () => {
  let r: Restaurant;
  beforeAll(async () => {
    r = await setupRestaurant();
  });

  it("the first scan opens a session; the next diner joins the same one with their own identity", async () => {
    const a = new Guest();
    const b = new Guest();
    const joinedA = await a.join(r.tables[0]!.code, "Ana");
    const joinedB = await b.join(r.tables[0]!.code);
    expect(joinedA.view.status).toBe("open");
    expect(joinedB.sessionId).toBe(joinedA.sessionId);
    expect(joinedB.dinerId).not.toBe(joinedA.dinerId);
    expect(joinedB.view.diners.map((d) => d.name)).toEqual(["Ana", "Guest 2"]);
    // The diner cookie is signed and http-only; the token is bound to it.
    expect(a.client.cookies.get("ts_diner")).toMatch(/^din_[0-9a-z]{20}\./);
    // Joining again from the same device keeps the same diner.
    expect((await a.join(r.tables[0]!.code)).dinerId).toBe(joinedA.dinerId);
  });

  it("answers clear errors for unknown codes and bad tokens", async () => {
    const g = new Guest();
    expect((await g.client.post("/api/guest/join", { code: "nope12345678" })).body.error.code).toBe("not_found");
    expect((await g.req("GET", "/session")).status).toBe(401);
    g.token = "forged.token";
    expect((await g.req("GET", "/session")).body.error.code).toBe("invalid_token");
    // A real token used from another device (without its diner cookie) is refused too.
    const a = new Guest();
    await a.join(r.tables[1]!.code);
    const thief = new Guest();
    thief.token = a.token;
    expect((await thief.req("GET", "/session")).body.error.code).toBe("invalid_token");
  });
});

describe("the shared cart over HTTP", () => {
  let r: Restaurant;
  let a: Guest;
  let b: Guest;
  beforeAll(async () => {
    r = await setupRestaurant();
    a = new Guest();
    b = new Guest();
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
  });

  it("prices lines on the server and ignores any price a client sends", async () => {
    const res = await a.add(r.dish.burger, { optionIds: [r.option.large, r.option.cheese], quantity: 2, unitPrice: 1, price: 1, lineTotal: 2 });
    expect(res.status).toBe(200);
    const view = (await b.view()).body.view;
    const line = view.lines.find((l: { id: string }) => l.id === res.body.lineId);
    expect(line).toMatchObject({ dinerId: a.dinerId, quantity: 2, unitPrice: 1250 + 300 + 100, lineTotal: 2 * 1650 });
    expect(line.options.map((o: { name: { en: string } }) => o.name.en)).toEqual(["Large", "Cheese"]);
  });

  it("refuses unknown dishes, sold-out dishes, staff-only dishes, bad options and out-of-range quantities", async () => {
    expect((await a.add("dsh_doesnotexist")).body.error).toMatchObject({ code: "unknown_dish", message: "This dish is not on the menu." });
    expect((await a.add(r.dish.staffMeal)).body.error.code).toBe("unknown_dish");
    expect((await a.add(r.dish.burger, { optionIds: [r.option.regular, r.option.large] })).body.error.code).toBe("invalid_options");
    expect((await a.add(r.dish.steak, { optionIds: [r.option.large] })).body.error.code).toBe("unknown_option");
    for (const quantity of [0, 100, 2.5, -3]) {
      const res = await a.add(r.dish.cola, { quantity });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^quantity: /);
    }
    expect((await a.req("PATCH", "/session/lines/lin_nope", { quantity: 2 })).body.error.code).toBe("line_not_found");
  });

  it("lets a diner edit only their own lines, and take over another's explicitly", async () => {
    const { lineId } = (await a.add(r.dish.steak)).body;
    expect((await b.req("PATCH", `/session/lines/${lineId}`, { quantity: 3 })).body.error.code).toBe("not_your_line");
    expect((await b.req("DELETE", `/session/lines/${lineId}`)).status).toBe(409);
    expect((await b.req("POST", `/session/lines/${lineId}/take-over`)).status).toBe(200);
    expect((await b.req("PATCH", `/session/lines/${lineId}`, { quantity: 3, note: "medium" })).status).toBe(200);
    const line = (await a.view()).body.view.lines.find((l: { id: string }) => l.id === lineId);
    expect(line).toMatchObject({ dinerId: b.dinerId, addedBy: a.dinerId, quantity: 3, note: "medium" });
    expect((await a.req("PATCH", `/session/lines/${lineId}`, { quantity: 1 })).body.error.code).toBe("not_your_line");
  });

  it("applies a retried request with the same request id once", async () => {
    const first = await a.add(r.dish.cola, { note: "retry me", requestId: "req-1" });
    const again = await a.add(r.dish.cola, { note: "retry me", requestId: "req-1" });
    expect(again.status).toBe(200);
    const lines = (await a.view()).body.view.lines.filter((l: { note: string }) => l.note === "retry me");
    expect(lines).toHaveLength(1);
    expect(lines[0].quantity).toBe(1);
    expect(first.body.lineId).toBe(lines[0].id);
  });

  it("submits a round with server prices and refuses sold-out dishes before accepting it", async () => {
    const before = (await a.view()).body.view;
    const expected = cartTotal(before);
    await setSoldOut(r, r.dish.steak);
    const refused = await b.req("POST", "/session/rounds", {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "sold_out", message: "Sold out now: Steak. Remove it to send the order." });
    expect((await a.view()).body.view.rounds).toHaveLength(0);
    // Remove the sold-out line (B owns it after the take-over), then send.
    const steak = before.lines.find((l: { dishId: string }) => l.dishId === r.dish.steak);
    await b.req("DELETE", `/session/lines/${steak.id}`);
    const sent = await b.req("POST", "/session/rounds", {});
    expect(sent.status).toBe(200);
    const view = (await a.view()).body.view;
    expect(view.lines).toHaveLength(0);
    expect(view.rounds).toHaveLength(1);
    expect(view.rounds[0].subtotal).toBe(expected - steak.lineTotal);
    expect(view.rounds[0].items.every((i: { state: string }) => i.state === "received")).toBe(true);
    expect((await b.req("POST", "/session/rounds", {})).body.error.code).toBe("cart_empty");
  });

  it("places service calls once per kind and marks the bill as requested", async () => {
    const w1 = await a.req("POST", "/session/calls", { kind: "waiter" });
    const w2 = await a.req("POST", "/session/calls", { kind: "waiter" });
    expect(w2.body.callId).toBe(w1.body.callId);
    expect((await a.req("POST", "/session/calls", { kind: "note", note: "" })).body.error.code).toBe("invalid_note");
    expect((await a.req("POST", "/session/calls", { kind: "dance" })).status).toBe(400);
    await b.req("POST", "/session/calls", { kind: "bill" });
    const view = (await a.view()).body.view;
    expect(view.status).toBe("bill_requested");
    expect(view.calls.map((c: { kind: string }) => c.kind)).toEqual(["waiter", "bill"]);
  });

  it("renames a diner", async () => {
    expect((await a.req("PATCH", "/session/me", { name: "  Ana María " })).status).toBe(200);
    expect((await b.view()).body.view.diners.find((d: { id: string }) => d.id === a.dinerId).name).toBe("Ana María");
  });
});

describe("the session lifecycle as payments drive it", () => {
  it("locks the cart while paying, reopens it when a payment fails, and refuses impossible steps", async () => {
    const r = await setupRestaurant(2);
    const waiter = await staffClient(r, "waiter");
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.cola);
    await g.req("POST", "/session/rounds", {});
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    expect(await stub.lifecycle("start_paying")).toMatchObject({ ok: true, status: "paying" });
    expect((await g.view()).body.view.status).toBe("paying");
    expect((await g.add(r.dish.cola)).body.error.code).toBe("cart_locked");
    expect((await g.req("POST", "/session/rounds", {})).body.error.code).toBe("cart_locked");
    expect((await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/move`, { toTableId: r.tables[1]!.id })).body.error.code).toBe("cart_locked");
    expect(await stub.lifecycle("resume")).toMatchObject({ ok: false, error: { code: "invalid_transition" } });
    expect(await stub.lifecycle("payment_failed")).toMatchObject({ ok: true, status: "bill_requested" });
    expect((await g.add(r.dish.cola)).status).toBe(200);
    expect(await env.TABLE.getByName(r.tables[1]!.id).lifecycle("request_bill")).toMatchObject({ ok: false, error: { code: "table_free" } });
  });
});

describe("privacy between parties", () => {
  it("a new party at the same table never sees the previous party's orders, and old tokens stop working", async () => {
    const r = await setupRestaurant();
    const waiter = await staffClient(r, "waiter");
    const code = r.tables[0]!.code;
    const first = new Guest();
    const joined = await first.join(code, "Previous");
    await first.add(r.dish.burger, { note: "secret order" });
    await first.req("POST", "/session/rounds", {});
    await first.add(r.dish.cola);
    const socket = await first.connect();
    await socket.until(() => socket.view !== null, 5000, "snapshot");

    const closed = await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/close`, { reason: "paid" });
    expect(closed.status).toBe(200);
    await socket.until(() => socket.closed !== null, 5000, "close");
    expect(socket.closed?.code).toBe(4000);
    expect(socket.messages.at(-1)).toMatchObject({ type: "ended", reason: "closed" });

    const next = new Guest();
    const fresh = await next.join(code, "Next");
    expect(fresh.sessionId).not.toBe(joined.sessionId);
    expect(fresh.view.lines).toEqual([]);
    expect(fresh.view.rounds).toEqual([]);
    expect(fresh.view.calls).toEqual([]);
    expect(fresh.view.diners.map((d) => d.name)).toEqual(["Next"]);
    expect(JSON.stringify(fresh.view)).not.toContain("secret order");

    // The previous party's token is for the old session: refused, not silently attached.
    const old = await first.view();
    expect(old.status).toBe(410);
    expect(old.body.error.code).toBe("session_ended");
    expect((await first.add(r.dish.cola)).status).toBe(410);
    // Staff see only the new session too.
    const staffView = (await waiter.get(`${floorPath(r)}/tables/${r.tables[0]!.id}`)).body.view;
    expect(staffView.sessionId).toBe(fresh.sessionId);
    expect(staffView.rounds).toEqual([]);
  });
});

describe("stores that require every diner to confirm", () => {
  it("sends the round only once every diner with a line has confirmed, and any change resets confirmations", async () => {
    const r = await setupRestaurant(1);
    await db().update(stores).set({ requireAllConfirm: true }).where(eq(stores.id, r.storeId));
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
    await a.add(r.dish.burger);
    await b.add(r.dish.cola);
    const first = await a.req("POST", "/session/rounds", {});
    expect(first.body).toMatchObject({ roundId: null, waitingFor: [b.dinerId] });
    expect((await b.view()).body.view.confirmed).toEqual([a.dinerId]);
    // B changes the cart: A's confirmation no longer holds.
    await b.add(r.dish.cola);
    expect((await b.view()).body.view.confirmed).toEqual([]);
    expect((await b.req("POST", "/session/rounds", {})).body).toMatchObject({ roundId: null, waitingFor: [a.dinerId] });
    const sent = await a.req("POST", "/session/rounds", {});
    expect(sent.body.roundId).toMatch(/^rnd_/);
    const view = (await a.view()).body.view;
    expect(view.rounds[0].items.map((i: { quantity: number }) => i.quantity)).toEqual([1, 2]);
    expect(view.confirmed).toEqual([]);
  });

  it("also waits for a guest who is at the table and still choosing, but not for one who left", async () => {
    const r = await setupRestaurant(1);
    await db().update(stores).set({ requireAllConfirm: true }).where(eq(stores.id, r.storeId));
    const [a, b, c] = [new Guest(), new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
    await c.join(r.tables[0]!.code, "Cleo"); // joined, then closed the page: not waited for
    const phone = await b.connect(); // Ben has the page open, nothing in the cart yet
    await phone.until(() => phone.view !== null);
    await a.add(r.dish.burger);
    const first = await a.req("POST", "/session/rounds", {});
    expect(first.body).toMatchObject({ roundId: null, waitingFor: [b.dinerId] });
    await phone.until(() => phone.view!.confirmed.includes(a.dinerId), 5000, "confirmation at Ben");
    expect(waitingFor(phone.view!)).toEqual([b.dinerId]);
    // Ben puts his phone away: nobody else is awaited, and Ana's second press sends the round.
    phone.close();
    await expect.poll(async () => (await a.view()).body.view.diners.find((d: { id: string }) => d.id === b.dinerId).online).toBe(false);
    const sent = await a.req("POST", "/session/rounds", {});
    expect(sent.body.roundId).toMatch(/^rnd_/);
  });
});

// Join limits (flooding, seats, sockets) are in admission.test.ts.
describe("signed-in staff at a table", () => {
  it("lets a signed-in owner order at a table from the same browser (no CSRF token needed on the guest API)", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    g.client = r.client; // carries the owner's login cookie and would need x-csrf-token elsewhere
    g.client.csrfToken = "";
    await g.join(r.tables[0]!.code, "Owner");
    expect((await g.add(r.dish.cola)).status).toBe(200);
    // …while the staff API still insists on it.
    expect((await r.client.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/close`, {})).body.error.code).toBe("csrf_failed");
  });
});
