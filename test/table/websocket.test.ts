import { exports } from "cloudflare:workers";
import { describe, expect, it, beforeAll } from "vitest";
import { applyEvent, type TableView } from "../../src/table/protocol";
import { Guest, setupRestaurant, type Restaurant } from "./helpers";

describe("live table over WebSockets", () => {
  let r: Restaurant;
  beforeAll(async () => {
    r = await setupRestaurant(4);
  });

  it("sends a snapshot with a version, then one event per version to every diner", async () => {
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
    const sa = await a.connect();
    const sb = await b.connect();
    await sb.until(() => sb.view !== null);
    const first = sb.v;
    expect(sb.messages[0]).toMatchObject({ type: "snapshot", you: b.dinerId });

    sa.send({ type: "op", id: "1", op: { op: "add", dishId: r.dish.cola, optionIds: [], quantity: 2, note: "" } });
    await sb.until(() => sb.view!.lines.length === 1, 5000, "line at B");
    expect(sb.view!.lines[0]).toMatchObject({ dinerId: a.dinerId, quantity: 2, lineTotal: 700 });
    await sa.until(() => sa.messages.some((m) => m.type === "ack" && m.id === "1"));
    const ack = sa.messages.find((m) => m.type === "ack")!;
    expect(ack).toMatchObject({ type: "ack", id: "1" });
    expect(sb.v).toBeGreaterThan(first);
    // A's online state reached B, the line too, and nothing was skipped.
    expect(sb.gaps).toBe(0);
    expect(sb.view!.diners.find((d) => d.id === a.dinerId)?.online).toBe(true);

    // Events folded by a client equal the object's own snapshot.
    const snap = (await b.view()).body as { v: number; view: TableView };
    await sb.until(() => sb.v === snap.v);
    expect(sb.view).toEqual(snap.view);

    // Domain errors come back as error replies; the socket stays open.
    sa.send({ type: "op", id: "2", op: { op: "add", dishId: r.dish.cola, optionIds: [], quantity: 500, note: "" } });
    sa.send({ type: "op", id: "3", op: { op: "add", dishId: "dsh_missing", optionIds: [], quantity: 1, note: "" } });
    await sa.until(() => sa.messages.filter((m) => m.type === "error").length === 2);
    const errs = sa.messages.filter((m) => m.type === "error");
    expect(errs).toEqual([
      expect.objectContaining({ id: "2", code: "invalid_quantity", message: "Quantity must be a whole number from 1 to 99." }),
      expect.objectContaining({ id: "3", code: "unknown_dish" }),
    ]);
    expect(sa.closed).toBeNull();

    // A client that suspects a gap asks for a fresh snapshot.
    sa.send({ type: "sync" });
    await sa.until(() => sa.messages.filter((m) => m.type === "snapshot").length === 2);

    // B leaving is seen by A.
    sb.close();
    await sa.until(() => sa.view!.diners.find((d) => d.id === b.dinerId)?.online === false, 5000, "B offline");
    sa.close();
  });

  it("refuses upgrades without a valid token or without the upgrade header", async () => {
    const g = new Guest();
    await g.join(r.tables[1]!.code);
    const noToken = await exports.default.fetch("https://tableside.test/api/guest/session/ws", { headers: { Upgrade: "websocket" } });
    expect(noToken.status).toBe(401);
    expect(noToken.webSocket).toBeNull();
    const plain = await exports.default.fetch(`https://tableside.test/api/guest/session/ws?token=${g.token}`);
    expect(plain.status).toBe(426);
  });

  it("closes malformed, binary, oversized and flooding clients with a clear code", async () => {
    const g = new Guest();
    await g.join(r.tables[2]!.code);

    const notJson = await g.connect();
    notJson.send("{not json");
    await notJson.until(() => notJson.closed !== null);
    expect(notJson.closed).toEqual({ code: 1007, reason: "invalid message: not JSON" });

    const unknown = await g.connect();
    unknown.send({ type: "delete_everything" } as never);
    await unknown.until(() => unknown.closed !== null);
    expect(unknown.closed?.code).toBe(1007);
    expect(unknown.closed?.reason).toMatch(/^invalid message: type/);

    const binary = await g.connect();
    binary.ws.send(new Uint8Array([1, 2, 3]));
    await binary.until(() => binary.closed !== null);
    expect(binary.closed?.code).toBe(1003);

    const big = await g.connect();
    big.send({ type: "echo", id: "x", data: "y".repeat(5000) });
    await big.until(() => big.closed !== null);
    expect(big.closed).toEqual({ code: 1009, reason: "message too big (limit 4096 bytes)" });

    const flood = await g.connect();
    for (let i = 0; i < 200; i++) flood.send({ type: "echo", id: String(i), data: "" });
    await flood.until(() => flood.closed !== null);
    expect(flood.closed).toEqual({ code: 1008, reason: "too many messages; slow down" });
    expect(flood.messages.filter((m) => m.type === "echo").length).toBeLessThan(200);

    // None of it touched the session.
    const view = (await g.view()).body.view;
    expect(view.lines).toEqual([]);
    expect(view.status).toBe("open");
  });

  it("replays events exactly like the snapshot (item states, calls, rounds)", async () => {
    const g = new Guest();
    const joined = await g.join(r.tables[3]!.code);
    let local: TableView = joined.view;
    const s = await g.connect();
    await s.until(() => s.view !== null);
    await g.add(r.dish.burger, { optionIds: [r.option.bacon] });
    await g.req("POST", "/session/calls", { kind: "water" });
    await g.req("POST", "/session/rounds", {});
    const snap = (await g.view()).body;
    await s.until(() => s.v === snap.v);
    for (const m of s.messages) if (m.type === "event") local = applyEvent(local, m.event);
    expect(s.view).toEqual(snap.view);
    expect(local.rounds).toEqual(snap.view.rounds);
    s.close();
  });
});
