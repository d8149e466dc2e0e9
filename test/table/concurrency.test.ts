import { describe, expect, it } from "vitest";
import type { LineView } from "../../src/table/protocol";
import { Guest, setupRestaurant, type LiveSocket } from "./helpers";

describe("20 diners editing one cart at the same moment", () => {
  it("ends with exactly the expected lines, and every diner's live view matches the object's", async () => {
    const r = await setupRestaurant(1);
    const code = r.tables[0]!.code;
    const diners = Array.from({ length: 20 }, () => new Guest());
    for (const [i, g] of diners.entries()) await g.join(code, `D${i}`);
    const sockets: LiveSocket[] = await Promise.all(diners.map((g) => g.connect()));
    await Promise.all(sockets.map((s) => s.until(() => s.view !== null, 5000, "snapshot")));

    // Round 1, all at once: each diner adds 3 lines over its socket and 2 over HTTP.
    const adds: Promise<unknown>[] = [];
    diners.forEach((g, i) => {
      for (let k = 0; k < 3; k++) sockets[i]!.send({ type: "op", id: `ws-${i}-${k}`, op: { op: "add", dishId: r.dish.cola, optionIds: [], quantity: 1, note: `d${i}-ws${k}` } });
      for (let k = 0; k < 2; k++) adds.push(g.add(r.dish.burger, { note: `d${i}-http${k}`, quantity: k + 1 }));
    });
    const results = await Promise.all(adds);
    expect(results.every((res) => (res as { status: number }).status === 200)).toBe(true);
    const acked = (s: LiveSocket) => s.messages.filter((m) => m.type === "ack").length;
    await Promise.all(sockets.map((s) => s.until(() => acked(s) === 3, 10_000, "acks")));

    let view = (await diners[0]!.view()).body.view as { lines: LineView[] };
    expect(view.lines).toHaveLength(100);

    // Round 2, all at once: each diner removes one of its socket lines and raises one HTTP line to 7.
    const edits: Promise<unknown>[] = [];
    diners.forEach((g, i) => {
      const own = view.lines.filter((l) => l.dinerId === g.dinerId);
      const removeMe = own.find((l) => l.note === `d${i}-ws1`)!;
      const raiseMe = own.find((l) => l.note === `d${i}-http0`)!;
      sockets[i]!.send({ type: "op", id: `rm-${i}`, op: { op: "remove", lineId: removeMe.id } });
      edits.push(g.req("PATCH", `/session/lines/${raiseMe.id}`, { quantity: 7 }));
    });
    await Promise.all(edits);
    await Promise.all(sockets.map((s) => s.until(() => acked(s) === 4, 10_000, "remove acks")));

    view = (await diners[0]!.view()).body.view;
    const expected = diners.flatMap((g, i) => [
      { dinerId: g.dinerId, note: `d${i}-ws0`, quantity: 1 },
      { dinerId: g.dinerId, note: `d${i}-ws2`, quantity: 1 },
      { dinerId: g.dinerId, note: `d${i}-http0`, quantity: 7 },
      { dinerId: g.dinerId, note: `d${i}-http1`, quantity: 2 },
    ]);
    const key = (l: { note: string }) => l.note;
    const actual = view.lines.map((l) => ({ dinerId: l.dinerId, note: l.note, quantity: l.quantity })).sort((a, b) => key(a).localeCompare(key(b)));
    expect(actual).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));

    // Every socket folded the same events into the same view, with no version gaps.
    const final = (await diners[0]!.view()).body;
    await Promise.all(sockets.map((s) => s.until(() => s.v === final.v, 10_000, "last version")));
    for (const s of sockets) {
      expect(s.gaps).toBe(0);
      expect(s.view!.lines).toEqual(final.view.lines);
    }
    sockets.forEach((s) => s.close());
  });

  it("two diners submitting at the same instant send each line to the kitchen once", async () => {
    const r = await setupRestaurant(1);
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code);
    await b.join(r.tables[0]!.code);
    await a.add(r.dish.burger);
    await b.add(r.dish.cola, { quantity: 2 });
    const [x, y] = await Promise.all([a.req("POST", "/session/rounds", {}), b.req("POST", "/session/rounds", {})]);
    const statuses = [x.status, y.status].sort();
    expect(statuses).toEqual([200, 409]);
    const view = (await a.view()).body.view;
    expect(view.rounds).toHaveLength(1);
    expect(view.rounds[0].items.map((i: { quantity: number }) => i.quantity).sort()).toEqual([1, 2]);
  });
});
