import { env, exports } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { TableSession } from "../../src/table/table-session";
import { describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { platformAdmin } from "../helpers/platform";
import { floorPath, Guest, setupRestaurant, staffClient, type LiveSocket, type Restaurant } from "./helpers";
import { patchKv, rewriteStorage, storeOf } from "./storage";
import { ADMISSION_LIMITS, type JoinRequest } from "../../src/domain/table/admission";
import { CLOSE, WS_LIMITS } from "../../src/table/protocol";

const floorCard = async (r: Restaurant, staff: Client, tableId: string) =>
  (await staff.get(floorPath(r))).body.view.tables.find((t: { tableId: string }) => t.tableId === tableId);

/** Party 1 sat at table 0, ordered and left (staff closed the session); party 2 sat down. */
async function nextParty() {
  const r = await setupRestaurant(2);
  const waiter = await staffClient(r, "waiter");
  const code = r.tables[0]!.code;
  const old = new Guest();
  await old.join(code, "Party 1");
  await old.add(r.dish.cola);
  await old.req("POST", "/session/rounds", {});
  expect((await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/close`, { reason: "paid" })).status).toBe(200);
  const host = new Guest();
  await host.join(code, "Party 2", null);
  await host.add(r.dish.burger, { note: "allergy: peanuts", optionIds: [r.option.regular] });
  return { r, waiter, code, old, host };
}

describe("a device of an earlier party", () => {
  it("sees nothing of the next party's session and can do nothing until the party lets it in", async () => {
    const { r, code, old, host } = await nextParty();
    const oldToken = old.token;

    const asked = await old.ask(code);
    expect(asked.status).toBe(202);
    expect(Object.keys(asked.body).sort()).toEqual(["expiresAt", "requestId", "requestToken", "status", "tableName"]);
    expect(asked.body).toMatchObject({ status: "waiting", tableName: "T1" });
    expect(JSON.stringify(asked.body)).not.toContain("peanuts");

    // Its old token names the old session; its request token is not a table token.
    old.token = oldToken;
    expect((await old.view()).status).toBe(410);
    expect((await old.add(r.dish.cola)).status).toBe(410);
    expect((await old.req("POST", "/session/rounds", {})).status).toBe(410);
    expect((await old.req("POST", "/session/calls", { kind: "bill" })).status).toBe(410);
    old.token = old.requestToken;
    expect((await old.view()).body.error.code).toBe("invalid_token");
    expect((await old.add(r.dish.cola)).status).toBe(401);
    // Asking for the request's state shows nothing of the session either.
    const waiting = await old.requestState();
    expect(waiting.body).toEqual({ status: "waiting", expiresAt: asked.body.expiresAt });

    // Only a seated diner's tap lets it in; then it sees the session.
    expect((await host.view()).body.view.access.requests).toHaveLength(1);
    expect((await host.req("POST", `/session/requests/${asked.body.requestId}/admit`)).status).toBe(200);
    const admitted = await old.requestState();
    expect(admitted.body.status).toBe("admitted");
    expect(admitted.body.sessionId).toBe(host.sessionId);
    expect((await old.add(r.dish.cola)).status).toBe(200);
    expect((await host.view()).body.view.diners).toHaveLength(2);
  });

  it("stays outside when the party says no", async () => {
    const { code, old, host } = await nextParty();
    const asked = await old.ask(code);
    expect((await host.req("POST", `/session/requests/${asked.body.requestId}/decline`)).status).toBe(200);
    expect((await old.requestState()).body.status).toBe("declined");
    expect((await host.view()).body.view.diners).toHaveLength(1);
    // A later answer changes nothing.
    expect((await host.req("POST", `/session/requests/${asked.body.requestId}/admit`)).status).toBe(200);
    expect((await old.requestState()).body.status).toBe("declined");
  });
});

describe("letting a newcomer in", () => {
  it("a seated diner sees the request live and lets it in with one message over the socket", async () => {
    const r = await setupRestaurant(1);
    const host = new Guest();
    await host.join(r.tables[0]!.code, "Ana", null);
    const phone = await host.connect();
    await phone.until(() => phone.view !== null);
    expect(phone.view!.access.joinCode).toMatch(/^\d{6}$/);

    const friend = new Guest();
    const asked = await friend.ask(r.tables[0]!.code, "Ben");
    await phone.until(() => phone.view!.access.requests.length === 1, 5000, "the let-in prompt");
    expect(phone.view!.access.requests[0]).toMatchObject({ id: asked.body.requestId, name: "Ben" });
    phone.send({ type: "admit", id: "a1", requestId: asked.body.requestId });
    await phone.until(() => phone.messages.some((m) => m.type === "ack" && m.id === "a1"), 5000, "ack");
    await phone.until(() => phone.view!.diners.length === 2 && phone.view!.access.requests.length === 0, 5000, "Ben seated");
    expect(phone.gaps).toBe(0);
    expect((await friend.requestState()).body.status).toBe("admitted");
    expect((await friend.view()).body.view.diners.map((d: { name: string }) => d.name)).toEqual(["Ana", "Ben"]);
    phone.close();
  });

  it("a newcomer types the join code shown at the table; a wrong code is refused and limited", async () => {
    const r = await setupRestaurant(1);
    const host = new Guest();
    await host.join(r.tables[0]!.code, "Ana", null);
    const joinCode = (await host.view()).body.view.access.joinCode as string;
    const wrong = joinCode === "000000" ? "111111" : "000000";

    const friend = new Guest();
    await friend.ask(r.tables[0]!.code);
    const refused = await friend.request("POST", "/code", { joinCode: wrong });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "wrong_join_code", details: { attemptsLeft: ADMISSION_LIMITS.wrongCodesPerDevice - 1 } });
    const ok = await friend.request("POST", "/code", { joinCode: `${joinCode.slice(0, 3)} ${joinCode.slice(3)}` });
    expect(ok.status).toBe(200);
    expect(ok.body.sessionId).toBe(host.sessionId);
    // The code can also come with the scan itself.
    const third = new Guest();
    const direct = await third.ask(r.tables[0]!.code, "Cleo", { joinCode });
    expect(direct.status).toBe(200);
    expect((await host.view()).body.view.diners.map((d: { name: string }) => d.name)).toEqual(["Ana", "Guest 2", "Cleo"]);

    // Guessing: after a few wrong codes the device is locked out, even with the right code…
    const guesser = new Guest();
    await guesser.ask(r.tables[0]!.code);
    for (let i = 0; i < ADMISSION_LIMITS.wrongCodesPerDevice; i++) expect((await guesser.request("POST", "/code", { joinCode: wrong })).status).toBe(403);
    const locked = await guesser.request("POST", "/code", { joinCode });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("join_locked");
    // …and malformed codes never reach the table.
    expect((await guesser.request("POST", "/code", { joinCode: "abc' OR 1" })).status).toBe(400);
    // The party can still let it in with a tap.
    expect((await host.req("POST", `/session/requests/${guesser.requestId}/admit`)).status).toBe(200);
    expect((await guesser.requestState()).body.status).toBe("admitted");
  });

  it("guessing from many devices locks code entry for the table, not the party's tap", async () => {
    const r = await setupRestaurant(1);
    const host = new Guest();
    await host.join(r.tables[0]!.code, "Ana", null);
    const joinCode = (await host.view()).body.view.access.joinCode as string;
    const wrong = joinCode === "000000" ? "111111" : "000000";
    let refusedAll = 0;
    for (let i = 0; i < ADMISSION_LIMITS.wrongCodesPerTable / 4; i++) {
      const g = new Guest();
      for (let k = 0; k < 4; k++) if ((await g.ask(r.tables[0]!.code, undefined, { joinCode: wrong })).status === 403) refusedAll++;
    }
    expect(refusedAll).toBe(ADMISSION_LIMITS.wrongCodesPerTable);
    const late = new Guest();
    const locked = await late.ask(r.tables[0]!.code, undefined, { joinCode });
    expect(locked.body.error.code).toBe("join_locked");
    const asked = await late.ask(r.tables[0]!.code);
    expect(asked.status).toBe(202);
    expect((await host.req("POST", `/session/requests/${asked.body.requestId}/admit`)).status).toBe(200);
    expect((await late.requestState()).body.status).toBe("admitted");
  });

  it("staff see waiting devices on the board and let one in", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    const kitchen = await staffClient(r, "kitchen");
    const host = new Guest();
    await host.join(r.tables[0]!.code, "Ana", null);
    const friend = new Guest();
    const asked = await friend.ask(r.tables[0]!.code, "Ben");
    const card = await floorCard(r, waiter, r.tables[0]!.id);
    expect(card.requests).toEqual([{ id: asked.body.requestId, name: "Ben", createdAt: expect.any(Number), help: false }]);
    expect(card.joinCode).toMatch(/^\d{6}$/);
    const path = `${floorPath(r)}/tables/${r.tables[0]!.id}/requests/${asked.body.requestId}/admit`;
    expect((await kitchen.post(path)).status).toBe(403);
    expect((await waiter.post(path)).status).toBe(200);
    expect((await friend.requestState()).body.status).toBe("admitted");
    expect((await floorCard(r, waiter, r.tables[0]!.id)).requests).toEqual([]);
  });

  it("a guest waiting in vain asks staff for help; staff reset the table and the real party starts its own", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    const prankster = new Guest();
    await prankster.join(r.tables[0]!.code, "Not here", null);
    const real = new Guest();
    await real.ask(r.tables[0]!.code);
    expect((await real.request("POST", "/help")).status).toBe(200);
    await expect.poll(async () => (await floorCard(r, waiter, r.tables[0]!.id)).calls.map((c: { kind: string }) => c.kind)).toEqual(["help"]);
    expect((await floorCard(r, waiter, r.tables[0]!.id)).requests[0].help).toBe(true);

    expect((await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/close`, { reason: "reset" })).status).toBe(200);
    expect((await real.requestState()).body.status).toBe("closed");
    const own = await real.join(r.tables[0]!.code, "Real", null);
    expect(own.view.diners.map((d) => d.name)).toEqual(["Real"]);
    expect((await prankster.view()).status).toBe(410);
  });
});

describe("opening a table", () => {
  it("a guest's scan opens a free table, and the board shows it open with that guest", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    expect((await floorCard(r, waiter, r.tables[0]!.id)).status).toBe("free");
    const g = new Guest();
    const joined = await g.join(r.tables[0]!.code, "First", null);
    expect(joined.view.status).toBe("open");
    expect(joined.view.access.joinCode).toMatch(/^\d{6}$/);
    await expect.poll(async () => (await floorCard(r, waiter, r.tables[0]!.id)).guests).toBe(1);
  });

  it("a table staff opened seats the first device that scans, then asks for the others", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    expect((await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/open`)).status).toBe(200);
    // Staff ordering does not make them "the party".
    expect((await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/lines`, { dishId: r.dish.cola })).status).toBe(200);
    expect((await new Guest().ask(r.tables[0]!.code)).status).toBe(200);
    expect((await new Guest().ask(r.tables[0]!.code)).status).toBe(202);
  });

  it("in an open-table store anyone who scans joins", async () => {
    const r = await setupRestaurant(1);
    const patched = await r.client.patch(`/api/merchants/${r.merchantId}/stores/${r.storeId}`, { admission: "open" });
    expect(patched.body.store.admission).toBe("open");
    const a = new Guest();
    await a.join(r.tables[0]!.code, "A", null);
    const b = await new Guest().ask(r.tables[0]!.code, "B");
    expect(b.status).toBe(200);
    expect(b.body.view.diners).toHaveLength(2);
  });
});

describe("join limits", () => {
  it("join flooding is refused, never takes a seat, and does not lock out the party", async () => {
    const r = await setupRestaurant(1);
    const code = r.tables[0]!.code;
    const host = new Guest();
    await host.join(code, "Ana", null);
    const joinCode = (await host.view()).body.view.access.joinCode as string;

    // One address with fresh cookies: a few pending requests, then refused.
    const ip = "203.0.113.7";
    const oneAddress = [];
    for (let i = 0; i < 6; i++) {
      const g = new Guest();
      g.client = new Client(ip);
      oneAddress.push((await g.ask(code)).status);
    }
    expect(oneAddress).toEqual([202, 202, 202, 429, 429, 429]);
    // Many addresses: the table holds a bounded number of pending requests.
    const many = [];
    for (let i = 0; i < 15; i++) many.push((await new Guest().ask(code)).status);
    expect(many.filter((s) => s === 202)).toHaveLength(ADMISSION_LIMITS.maxPendingPerTable - 3);
    expect(many.filter((s) => s === 429)).toHaveLength(15 - (ADMISSION_LIMITS.maxPendingPerTable - 3));

    // Nobody took a seat; the party orders on; a friend still gets in with the code.
    const view = (await host.view()).body.view;
    expect(view.diners).toHaveLength(1);
    expect((await host.add(r.dish.cola)).status).toBe(200);
    expect((await host.req("POST", "/session/rounds", {})).status).toBe(200);
    const friend = new Guest();
    expect((await friend.ask(code, "Friend", { joinCode })).status).toBe(200);
  });

  it("in an open-table store a scan storm stops at the table's join rate, short of its seats", async () => {
    const r = await setupRestaurant(1);
    await r.client.patch(`/api/merchants/${r.merchantId}/stores/${r.storeId}`, { admission: "open" });
    const statuses = await Promise.all(Array.from({ length: 41 }, () => new Guest().ask(r.tables[0]!.code).then((res) => res.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(ADMISSION_LIMITS.joinBurst);
    expect(statuses.filter((s) => s === 429)).toHaveLength(41 - ADMISSION_LIMITS.joinBurst);
  });

  it("per address, joins are generous for a shared Wi-Fi yet stop a script", async () => {
    const r = await setupRestaurant(1);
    const ip = "198.51.100.9";
    // Every scan counts, whatever the table answers (seated, waiting, or the table's own limits).
    const refusedByAddress: boolean[] = [];
    for (let i = 0; i < 122; i++) {
      const g = new Guest();
      g.client = new Client(ip);
      const res = await g.client.post("/api/guest/join", { code: r.tables[0]!.code });
      refusedByAddress.push(res.status === 429 && /network/.test(res.body.error.message));
    }
    expect(refusedByAddress.indexOf(true)).toBe(120);
  });

  it("a diner holds a few sockets at most; one more closes the oldest with a clear code", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana", null);
    const sockets: LiveSocket[] = [];
    for (let i = 0; i < WS_LIMITS.maxSocketsPerDiner; i++) {
      const s = await g.connect();
      await s.until(() => s.view !== null);
      sockets.push(s);
    }
    const extra = await g.connect();
    await extra.until(() => extra.view !== null);
    await sockets[0]!.until(() => sockets[0]!.closed !== null, 5000, "the oldest socket closed");
    expect(sockets[0]!.closed!.code).toBe(CLOSE.replaced);
    expect(sockets.slice(1).every((s) => s.closed === null)).toBe(true);
    // Another diner still gets a socket.
    const other = new Guest();
    await other.join(r.tables[0]!.code);
    const theirs = await other.connect();
    await theirs.until(() => theirs.view !== null);
    for (const s of [...sockets, extra, theirs]) s.close();
  });
});

describe("suspension and closing stop ordering at once", () => {
  it("a suspended merchant's seated table refuses every write over HTTP and the socket, and resumes unchanged", async () => {
    const r = await setupRestaurant(1);
    const admin = await platformAdmin();
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana", null);
    await g.add(r.dish.burger, { optionIds: [r.option.regular] });
    const phone = await g.connect();
    await phone.until(() => phone.view !== null);
    const before = (await g.view()).body.view;

    expect((await admin.post(`/api/platform/merchants/${r.merchantId}/suspend`)).status).toBe(200);
    await phone.until(() => phone.view!.access.paused === "merchant_suspended", 5000, "paused event");
    const add = await g.add(r.dish.cola);
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe("merchant_suspended");
    expect((await g.req("POST", "/session/rounds", {})).body.error.code).toBe("merchant_suspended");
    expect((await g.req("POST", "/session/calls", { kind: "waiter" })).body.error.code).toBe("merchant_suspended");
    expect((await g.req("PATCH", `/session/lines/${before.lines[0].id}`, { quantity: 3 })).body.error.code).toBe("merchant_suspended");
    phone.send({ type: "op", id: "s1", op: { op: "add", dishId: r.dish.cola, optionIds: [], quantity: 1, note: "" } });
    phone.send({ type: "submit", id: "s2" });
    phone.send({ type: "call", id: "s3", kind: "waiter" });
    await phone.until(() => phone.messages.filter((m) => m.type === "error").length === 3, 5000, "three refusals");
    expect(phone.messages.filter((m) => m.type === "error").map((m) => (m as { code: string }).code)).toEqual(Array(3).fill("merchant_suspended"));
    // New devices are refused at the door too.
    expect((await new Guest().ask(r.tables[0]!.code)).status).toBe(403);

    expect((await admin.post(`/api/platform/merchants/${r.merchantId}/reactivate`)).status).toBe(200);
    await phone.until(() => phone.view!.access.paused === null, 5000, "resumed event");
    const after = (await g.view()).body.view;
    expect(after.lines).toEqual(before.lines);
    expect(after.diners.map((d: { id: string }) => d.id)).toEqual(before.diners.map((d: { id: string }) => d.id));
    expect((await g.add(r.dish.cola)).status).toBe(200);
    expect((await g.req("POST", "/session/rounds", {})).status).toBe(200);
    phone.close();
  });

  it("closing the store pauses its seated tables at once; reopening resumes them", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana", null);
    expect((await r.client.patch(`/api/merchants/${r.merchantId}/stores/${r.storeId}`, { status: "closed" })).status).toBe(200);
    const add = await g.add(r.dish.cola);
    expect(add.status).toBe(409);
    expect(add.body.error.code).toBe("store_closed");
    expect((await g.view()).body.view.access.paused).toBe("store_closed");
    await r.client.patch(`/api/merchants/${r.merchantId}/stores/${r.storeId}`, { status: "open" });
    expect((await g.add(r.dish.cola)).status).toBe(200);
  });
});

describe("a rotated table code", () => {
  it("sends a seated device back into its live session, keeps its token working, and tells anyone else to ask staff", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana", null);
    const rotated = await r.client.post(`/api/merchants/${r.merchantId}/stores/${r.storeId}/tables/${r.tables[0]!.id}/rotate-code`);
    expect(rotated.status).toBe(200);
    const newCode = rotated.body.table.code as string;

    expect((await g.view()).status).toBe(200);
    expect((await g.add(r.dish.cola)).status).toBe(200);
    const page = await g.client.raw("GET", `/q/${r.tables[0]!.code}`);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(`/q/${newCode}`);
    // Back on the current code, the same device is seated again at once.
    const again = await g.ask(newCode);
    expect(again.status).toBe(200);
    expect(again.body.sessionId).toBe(g.sessionId);

    const stranger = new Guest();
    expect((await stranger.client.raw("GET", `/q/${r.tables[0]!.code}`)).status).toBe(410);
    expect((await stranger.ask(r.tables[0]!.code)).status).toBe(410);
  });
});

describe("a store that confirms a guest's first round", () => {
  it("holds the first round of a guest-opened session until staff confirm it; later rounds go at once", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    await r.client.patch(`/api/merchants/${r.merchantId}/stores/${r.storeId}`, { confirmFirstRound: true });
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana", null);
    await g.add(r.dish.cola);
    const held = await g.req("POST", "/session/rounds", {});
    expect(held.body).toMatchObject({ roundId: null, awaitingStaff: true });
    let view = (await g.view()).body.view;
    expect(view.rounds).toEqual([]);
    expect(view.access.awaitingStaff).toBe(true);
    await expect.poll(async () => (await floorCard(r, waiter, r.tables[0]!.id)).awaitingStaff).toBe(true);

    const confirmed = await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/confirm-round`);
    expect(confirmed.status).toBe(200);
    view = (await g.view()).body.view;
    expect(view.rounds).toHaveLength(1);
    expect(view.rounds[0].submittedBy).toBe(g.dinerId);
    expect(view.access.awaitingStaff).toBe(false);
    await g.add(r.dish.burger, { optionIds: [r.option.regular] });
    expect((await g.req("POST", "/session/rounds", {})).body.roundId).toMatch(/^rnd_/);
    expect((await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/confirm-round`)).status).toBe(409);
  });

  it("does not hold a table staff opened", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    await r.client.patch(`/api/merchants/${r.merchantId}/stores/${r.storeId}`, { confirmFirstRound: true });
    await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/open`);
    const g = new Guest();
    await g.join(r.tables[0]!.code, "Ana", null);
    await g.add(r.dish.cola);
    expect((await g.req("POST", "/session/rounds", {})).body.roundId).toMatch(/^rnd_/);
  });
});

describe("a guest without JavaScript", () => {
  it("calls a waiter with a plain form post; it shows on the board and is limited", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    const page = await new Client().raw("GET", `/q/${r.tables[0]!.code}`);
    expect(await page.text()).toContain(`<form method="post" action="/q/${r.tables[0]!.code}/call">`);
    const post = (ip: string) =>
      exports.default.fetch(`https://tableside.test/q/${r.tables[0]!.code}/call`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip, "accept-language": "fr" },
        body: "",
      });
    const told = await post("192.0.2.1");
    expect(told.status).toBe(200);
    expect(await told.text()).toContain("Un serveur arrive");
    await expect.poll(async () => (await floorCard(r, waiter, r.tables[0]!.id)).calls.length).toBe(1);
    const card = await floorCard(r, waiter, r.tables[0]!.id);
    expect(card.status).toBe("free");
    expect(card.calls).toMatchObject([{ kind: "waiter" }]);
    // Staff acknowledge it like any call.
    expect((await waiter.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/calls/${card.calls[0].id}/ack`)).status).toBe(200);
    await expect.poll(async () => (await floorCard(r, waiter, r.tables[0]!.id)).calls).toEqual([]);
    // One address cannot page the staff again and again.
    const statuses = [];
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    for (let i = 0; i < ADMISSION_LIMITS.doorCallsPerAddress + 1; i++) {
      statuses.push((await post("192.0.2.2")).status);
      // Acknowledged at once (straight from the table, the board lags a moment): the next one is a new call.
      const calls = await runInDurableObject(stub, (_o: TableSession, state) => storeOf(state).getKv<{ id: string }[]>("door_calls") ?? []);
      for (const c of calls) await stub.ackCall(c.id, "test");
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("a request nobody answers", () => {
  it("expires: it leaves the seated diners' prompt and the board, and the waiting device is told", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    const host = new Guest();
    await host.join(r.tables[0]!.code, "Ana", null);
    const phone = await host.connect();
    await phone.until(() => phone.view !== null);
    const late = new Guest();
    await late.ask(r.tables[0]!.code);
    await phone.until(() => phone.view!.access.requests.length === 1, 5000, "the prompt");
    await expect.poll(async () => (await floorCard(r, waiter, r.tables[0]!.id)).requests.length).toBe(1);

    // Time passes: the request's expiry is due (set back rather than waiting five minutes).
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    await rewriteStorage(stub, patchKv<JoinRequest[]>("requests", (list) => list.map((x) => ({ ...x, expiresAt: Date.now() - 1 }))));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await phone.until(() => phone.view!.access.requests.length === 0, 5000, "the prompt gone");
    await expect.poll(async () => (await floorCard(r, waiter, r.tables[0]!.id)).requests).toEqual([]);
    expect((await late.requestState()).body.status).toBe("expired");
    phone.close();
  });
});
