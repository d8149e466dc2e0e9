import { describe, expect, it } from "vitest";
import type { Bill } from "../../../src/domain/payments/bill";
import { claim, openPayState, progress, rebill, release, remaining, reserved, settle, type PayRequest, type PayState, type Reservation } from "../../../src/domain/payments/reservations";
import { bill, item, rng } from "./support";

/** What must hold after every step, whatever the guests did. */
function checkInvariants(s: PayState) {
  const held = s.reservations.filter((r) => r.status === "held");
  const settled = s.reservations.filter((r) => r.status === "settled");
  // nobody overpays through reservations (the only way past the total is a shrinking bill)
  if (settled.reduce((a, r) => a + r.amount, 0) <= s.bill.total) expect(reserved(s)).toBeLessThanOrEqual(s.bill.total);
  expect(held.every((r) => r.amount > 0)).toBe(true);
  // an item or a share is in at most one reservation
  const items = s.reservations.flatMap((r) => (r.cover.kind === "items" || r.cover.kind === "whole" ? r.cover.itemIds : []));
  expect(new Set(items).size).toBe(items.length);
  const shares = s.reservations.flatMap((r) => (r.cover.kind === "shares" || r.cover.kind === "whole" ? r.cover.shares : []));
  expect(new Set(shares).size).toBe(shares.length);
  // ids are unique; a split exists only while some reservation holds one of its shares
  expect(new Set(s.reservations.map((r) => r.id)).size).toBe(s.reservations.length);
  if (s.split) expect(shares.length).toBeGreaterThan(0);
  const p = progress(s);
  expect(p.free).toBeLessThanOrEqual(p.remaining);
  expect(p.paid + p.pending + p.remaining).toBe(Math.max(s.bill.total, p.paid + p.pending));
}

function randomBill(r: ReturnType<typeof rng>, round: number, count: number): Bill {
  const items = Array.from({ length: count }, (_, i) => item(`i${i}`, r.int(0, 4_000), { dinerId: `d${i % 4}`, roundId: `r${round}` }));
  return bill(items, r.next() < 0.5 ? { kind: "inclusive", rateBp: 1000 } : { kind: "added", rateBp: 875 }, r.pick([0, 1000]));
}

describe("reservations under many random guests (deterministic seeds)", () => {
  it("never overpay, never pay an item or share twice, and always let the bill be paid exactly", () => {
    for (let seed = 1; seed <= 120; seed++) {
      const r = rng(seed);
      let s = openPayState(randomBill(r, 1, r.int(1, 10)));
      let id = 0;
      const released: Reservation[] = [];
      for (let step = 0; step < 60; step++) {
        const roll = r.next();
        const held = s.reservations.filter((x) => x.status === "held");
        if (roll < 0.45) {
          const lines = s.bill.lines;
          const request: PayRequest = r.pick<PayRequest>([
            { kind: "whole" },
            { kind: "shares", parts: r.int(2, 5), count: r.int(1, 3) },
            { kind: "items", itemIds: lines.filter(() => r.next() < 0.4).map((l) => l.itemId) },
            { kind: "amount", amount: r.int(1, Math.max(1, remaining(s))) },
          ]);
          const out = claim(s, { id: `p${++id}`, payerId: `g${r.int(1, 6)}`, request, now: step, expiresAt: step + 10 });
          if (out.ok) {
            expect(out.amount).toBeGreaterThan(0);
            s = out.state;
          }
        } else if (roll < 0.7 && held.length) {
          s = settle(s, r.pick(held), step).state;
        } else if (roll < 0.85 && held.length) {
          const gone = r.pick(held);
          const out = release(s, gone.id);
          expect(out.ok).toBe(true);
          if (out.ok) s = out.state;
          released.push(gone);
        } else if (roll < 0.9 && released.length) {
          // a success arrives for a payment whose reservation was released: taken back in, the excess reported
          const late = released.splice(r.int(0, released.length - 1), 1)[0]!;
          const before = progress(s).paid;
          const out = settle(s, late, step);
          expect(out.applied + out.overpaid).toBe(late.amount);
          expect(progress(out.state).paid).toBe(before + out.applied);
          s = out.state;
        } else if (roll < 0.95) {
          // a new round, keeping the items already on the bill
          const more = randomBill(r, step, r.int(1, 3));
          const lines = [...s.bill.lines, ...more.lines.map((l) => ({ ...l, itemId: `${l.itemId}_${step}` }))];
          s = rebill(s, bill(lines.map((l) => item(l.itemId, l.amount, { dinerId: l.dinerId })), s.bill.taxMode, s.bill.serviceBp));
        }
        checkInvariants(s);
      }
      // whoever is still paying finishes, then someone pays the rest: the bill is paid exactly
      for (const h of s.reservations.filter((x) => x.status === "held")) s = settle(s, h, 100).state;
      if (remaining(s) > 0) {
        const out = claim(s, { id: "last", payerId: "host", request: { kind: "whole" }, now: 100, expiresAt: 200 });
        expect(out.ok).toBe(true);
        if (out.ok) s = settle(out.state, out.reservation, 100).state;
      }
      checkInvariants(s);
      const p = progress(s);
      expect(p.paid, `seed ${seed}`).toBe(s.bill.total);
      expect(p.status).toBe(s.bill.total > 0 ? "paid" : "open");
    }
  });

  it("ten guests paying their own items at the same moment: each item once, Σ = total", () => {
    const r = rng(99);
    const b = bill(
      Array.from({ length: 30 }, (_, i) => item(`i${i}`, r.int(100, 3_000), { dinerId: `d${i % 10}` })),
      { kind: "added", rateBp: 1000 },
      1000,
    );
    let s = openPayState(b);
    const claims = Array.from({ length: 10 }, (_, g) => ({ g, ids: b.lines.filter((l) => l.dinerId === `d${g}`).map((l) => l.itemId) }));
    // a greedy guest also tries to grab others' items between them: refused every time
    for (const { g, ids } of claims) {
      const out = claim(s, { id: `p${g}`, payerId: `d${g}`, request: { kind: "items", itemIds: ids }, now: 0, expiresAt: 10 });
      expect(out.ok).toBe(true);
      if (out.ok) s = out.state;
      const grab = claim(s, { id: `grab${g}`, payerId: "greedy", request: { kind: "items", itemIds: ids }, now: 0, expiresAt: 10 });
      expect(grab).toMatchObject({ ok: false, error: { code: "item_taken" } });
    }
    for (const res of s.reservations) s = settle(s, res, 1).state;
    expect(progress(s)).toMatchObject({ status: "paid", paid: b.total, remaining: 0 });
  });
});
