import { describe, expect, it } from "vitest";
import { linesOf } from "../../../src/domain/payments/bill";
import {
  claim,
  expired,
  free,
  heldBy,
  MAX_PENDING_PER_PAYER,
  openPayState,
  progress,
  quote,
  rebill,
  release,
  remaining,
  settle,
  type ClaimInput,
  type PayRequest,
  type PayState,
  type Reservation,
} from "../../../src/domain/payments/reservations";
import { bill, item } from "./support";

let n = 0;
const ask = (request: PayRequest, extra: Partial<ClaimInput> = {}): ClaimInput => ({ id: `pay_${++n}`, payerId: `guest_${n}`, request, now: 1000, expiresAt: 1000 + 15 * 60_000, ...extra });

/** Claims and expects success: the new state and the reservation. */
function take(s: PayState, request: PayRequest, extra: Partial<ClaimInput> = {}): [PayState, Reservation] {
  const r = claim(s, ask(request, extra));
  if (!r.ok) throw new Error(`claim refused: ${r.error.code} ${r.error.message}`);
  return [r.state, r.reservation];
}

function refusal(s: PayState, request: PayRequest, extra: Partial<ClaimInput> = {}) {
  const r = claim(s, ask(request, extra));
  expect(r.ok).toBe(false);
  return r.ok ? null : r.error.code;
}

const pay = (s: PayState, r: Reservation) => settle(s, r, 2000).state;
const drop = (s: PayState, r: Reservation) => {
  const out = release(s, r.id);
  if (!out.ok) throw new Error(out.error.code);
  return out.state;
};

const threeDishes = () => openPayState(bill([item("a", 1000, { dinerId: "ann" }), item("b", 1000, { dinerId: "bob" }), item("c", 1000, { dinerId: "ann" })]));

describe("paying the whole bill", () => {
  it("reserves the total, then nothing is left; paying it marks the bill paid", () => {
    let s = threeDishes();
    const [held, r] = take(s, { kind: "whole" });
    expect(r.amount).toBe(3000);
    expect(r.cover).toEqual({ kind: "whole", itemIds: ["a", "b", "c"], shares: [] });
    expect(progress(held)).toMatchObject({ status: "open", pending: 3000, remaining: 0 });
    expect(refusal(held, { kind: "whole" })).toBe("nothing_due");
    expect(refusal(held, { kind: "amount", amount: 1 })).toBe("nothing_due");
    s = pay(held, r);
    expect(progress(s)).toMatchObject({ status: "paid", paid: 3000, pending: 0, remaining: 0, itemsPaid: ["a", "b", "c"] });
  });

  it("after others paid, 'whole' is the rest", () => {
    let s = threeDishes();
    const [s1, own] = take(s, { kind: "items", itemIds: ["b"] });
    s = pay(s1, own);
    const [, rest] = take(s, { kind: "whole" });
    expect(rest.amount).toBe(2000);
    expect(rest.cover).toMatchObject({ itemIds: ["a", "c"] });
  });
});

describe("even split", () => {
  it("3-way of 1000: 333 + 333 + 334, the last share absorbing the remainder", () => {
    let s = openPayState(bill([item("a", 1000)]));
    const [s1, a] = take(s, { kind: "shares", parts: 3, count: 1 });
    const [s2, b] = take(s1, { kind: "shares", parts: 3, count: 1 });
    const [s3, c] = take(s2, { kind: "shares", parts: 3, count: 1 });
    expect([a.amount, b.amount, c.amount]).toEqual([333, 333, 334]);
    expect(c.cover).toEqual({ kind: "shares", parts: 3, shares: [2] });
    s = pay(pay(pay(s3, a), b), c);
    expect(progress(s)).toMatchObject({ status: "paid", paid: 1000, split: { parts: 3, amounts: [333, 333, 334], paid: [0, 1, 2] } });
  });

  it("a guest claims k shares at once; nobody gets a share twice or more shares than are left", () => {
    const s = openPayState(bill([item("a", 1001)]));
    const [s1, two] = take(s, { kind: "shares", parts: 4, count: 2 });
    expect(two.amount).toBe(500); // 250 + 250
    expect(refusal(s1, { kind: "shares", parts: 4, count: 3 })).toBe("shares_taken");
    const [s2, rest] = take(s1, { kind: "shares", parts: 4, count: 2 });
    expect(rest.amount).toBe(501); // 250 + 251
    expect(refusal(s2, { kind: "shares", parts: 4, count: 1 })).toBe("nothing_due");
    expect(two.amount + rest.amount).toBe(1001);
  });

  it("odd splits always sum exactly to the bill", () => {
    for (const [total, parts] of [
      [1000, 3],
      [1000, 7],
      [2, 2],
      [99, 50],
      [12_345, 11],
    ] as const) {
      let s = openPayState(bill([item("a", total)]));
      const amounts: number[] = [];
      for (let i = 0; i < parts; i++) {
        const [next, r] = take(s, { kind: "shares", parts, count: 1 });
        s = next;
        amounts.push(r.amount);
      }
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(new Set(amounts.slice(0, -1)).size).toBeLessThanOrEqual(1);
    }
  });

  it("refuses a split into zero-sized shares (1 cent in 2), out-of-range parts or counts", () => {
    const s = openPayState(bill([item("a", 1)]));
    expect(refusal(s, { kind: "shares", parts: 2, count: 1 })).toBe("invalid_split");
    const t = threeDishes();
    expect(refusal(t, { kind: "shares", parts: 1, count: 1 })).toBe("invalid_split");
    expect(refusal(t, { kind: "shares", parts: 51, count: 1 })).toBe("invalid_split");
    expect(refusal(t, { kind: "shares", parts: 3, count: 0 })).toBe("invalid_split");
    expect(refusal(t, { kind: "shares", parts: 3, count: 4 })).toBe("invalid_split");
    expect(refusal(t, { kind: "shares", parts: 2.5, count: 1 })).toBe("invalid_split");
  });

  it("once a share is claimed the split is fixed: another number of parts is refused", () => {
    const [s] = take(threeDishes(), { kind: "shares", parts: 3, count: 1 });
    const r = claim(s, ask({ kind: "shares", parts: 2, count: 1 }));
    expect(r).toMatchObject({ ok: false, error: { code: "split_mismatch", details: { parts: 3 } } });
  });

  it("splits what is free when it begins: items already being paid stay out of it", () => {
    const [s1] = take(threeDishes(), { kind: "items", itemIds: ["a"] });
    const [, share] = take(s1, { kind: "shares", parts: 2, count: 1 });
    expect(share.amount).toBe(1000); // (3000 − 1000) / 2
  });

  it("while a split is under way, items and custom amounts cannot take its money; 'whole' takes the rest", () => {
    const [s] = take(threeDishes(), { kind: "shares", parts: 3, count: 1 });
    expect(free(s)).toBe(0);
    expect(refusal(s, { kind: "items", itemIds: ["a"] })).toBe("split_in_progress");
    expect(refusal(s, { kind: "amount", amount: 100 })).toBe("split_in_progress");
    const [s2, rest] = take(s, { kind: "whole" });
    expect(rest.amount).toBe(2000);
    expect(rest.cover).toMatchObject({ kind: "whole", shares: [1, 2] });
    expect(refusal(s2, { kind: "shares", parts: 3, count: 1 })).toBe("nothing_due");
  });

  it("when every share claim is released the split dissolves and another can be chosen", () => {
    const s0 = threeDishes();
    const [s1, share] = take(s0, { kind: "shares", parts: 3, count: 1 });
    const s2 = drop(s1, share);
    expect(s2.split).toBeNull();
    const [, half] = take(s2, { kind: "shares", parts: 2, count: 1 });
    expect(half.amount).toBe(1500);
  });

  it("a released share goes back to the others at the same price", () => {
    const [s1, a] = take(threeDishes(), { kind: "shares", parts: 3, count: 1 });
    const [s2, b] = take(s1, { kind: "shares", parts: 3, count: 1 });
    const s3 = drop(s2, a);
    const [, again] = take(s3, { kind: "shares", parts: 3, count: 1 });
    expect(again.cover).toEqual({ kind: "shares", parts: 3, shares: [0] });
    expect(again.amount).toBe(1000);
    expect(b.cover).toEqual({ kind: "shares", parts: 3, shares: [1] });
  });
});

describe("paying own or chosen items", () => {
  it("each item costs its due (its share of service and tax included); all items sum to the total", () => {
    const b = bill([item("a", 1234, { dinerId: "ann" }), item("b", 999, { dinerId: "bob" }), item("c", 1, { dinerId: "ann" })], { kind: "added", rateBp: 875 }, 1250);
    let s = openPayState(b);
    const ann = linesOf(b, "ann").map((l) => l.itemId);
    const [s1, mine] = take(s, { kind: "items", itemIds: ann });
    expect(mine.amount).toBe(b.lines[0]!.due + b.lines[2]!.due);
    const [s2, bobs] = take(s1, { kind: "items", itemIds: ["b"] });
    expect(mine.amount + bobs.amount).toBe(b.total);
    s = pay(pay(s2, mine), bobs);
    expect(progress(s)).toMatchObject({ status: "paid", paid: b.total });
  });

  it("two payers for the same item: the second is refused, and again after the first paid", () => {
    const s = threeDishes();
    const [s1, first] = take(s, { kind: "items", itemIds: ["a", "b"] });
    const r = claim(s1, ask({ kind: "items", itemIds: ["b", "c"] }));
    expect(r).toMatchObject({ ok: false, error: { code: "item_taken", details: { itemIds: ["b"] } } });
    expect(refusal(pay(s1, first), { kind: "items", itemIds: ["a"] })).toBe("item_taken");
    // …and once the first payment failed, the item is free again
    const [, second] = take(drop(s1, first), { kind: "items", itemIds: ["b"] });
    expect(second.amount).toBe(1000);
  });

  it("refuses unknown, voided, repeated or no items", () => {
    const s = openPayState(bill([item("a", 1000), item("v", 500, { voided: true })]));
    expect(refusal(s, { kind: "items", itemIds: ["zzz"] })).toBe("item_not_found");
    expect(refusal(s, { kind: "items", itemIds: ["v"] })).toBe("item_not_found");
    expect(refusal(s, { kind: "items", itemIds: ["a", "a"] })).toBe("invalid_items");
    expect(refusal(s, { kind: "items", itemIds: [] })).toBe("invalid_items");
  });

  it("refuses items that cost nothing", () => {
    const s = openPayState(bill([item("water", 0), item("a", 1000)]));
    expect(refusal(s, { kind: "items", itemIds: ["water"] })).toBe("nothing_due");
  });

  it("never more than is free: after a custom amount, items cost at most what is left", () => {
    const s0 = openPayState(bill([item("a", 3000), item("b", 7000)]));
    const [s1] = take(s0, { kind: "amount", amount: 5000 });
    const [s2, b] = take(s1, { kind: "items", itemIds: ["b"] });
    expect(b.amount).toBe(5000);
    expect(remaining(s2)).toBe(0);
    expect(refusal(s2, { kind: "items", itemIds: ["a"] })).toBe("nothing_due");
  });
});

describe("custom amount", () => {
  it("at most what is left; positive whole minor units only", () => {
    const s = threeDishes();
    expect(claim(s, ask({ kind: "amount", amount: 3001 }))).toMatchObject({ ok: false, error: { code: "exceeds_remaining", details: { remaining: 3000 } } });
    for (const amount of [0, -5, 10.5, Number.NaN]) expect(refusal(s, { kind: "amount", amount })).toBe("invalid_amount");
    const [s1, part] = take(s, { kind: "amount", amount: 1 });
    expect(part.amount).toBe(1);
    expect(remaining(s1)).toBe(2999);
    const [s2] = take(s1, { kind: "amount", amount: 2999 });
    expect(refusal(s2, { kind: "amount", amount: 1 })).toBe("nothing_due");
  });

  it("two payers over-claiming at once: the second gets what is left, not more", () => {
    const s = threeDishes();
    const [s1] = take(s, { kind: "amount", amount: 2000 });
    expect(refusal(s1, { kind: "amount", amount: 2000 })).toBe("exceeds_remaining");
    const [, last] = take(s1, { kind: "amount", amount: 1000 });
    expect(last.amount).toBe(1000);
  });
});

describe("claims: guards", () => {
  it("refuses a price that moved since the guest saw it", () => {
    const s = threeDishes();
    const [s1] = take(s, { kind: "items", itemIds: ["a"] });
    expect(claim(s1, ask({ kind: "whole" }, { expected: 3000 }))).toMatchObject({ ok: false, error: { code: "amount_changed", details: { amount: 2000 } } });
    expect(claim(s1, ask({ kind: "whole" }, { expected: 2000 })).ok).toBe(true);
  });

  it(`a payer holds at most ${MAX_PENDING_PER_PAYER} pending payments; settled ones do not count`, () => {
    let s = threeDishes();
    const [s1, a] = take(s, { kind: "items", itemIds: ["a"] }, { payerId: "script" });
    const [s2] = take(s1, { kind: "items", itemIds: ["b"] }, { payerId: "script" });
    expect(refusal(s2, { kind: "items", itemIds: ["c"] }, { payerId: "script" })).toBe("too_many_pending");
    expect(heldBy(s2, "script")).toHaveLength(2);
    s = pay(s2, a);
    expect(claim(s, ask({ kind: "items", itemIds: ["c"] }, { payerId: "script" })).ok).toBe(true);
  });

  it("a reservation id is used once", () => {
    const [s] = take(threeDishes(), { kind: "amount", amount: 10 }, { id: "pay_same" });
    expect(refusal(s, { kind: "amount", amount: 10 }, { id: "pay_same" })).toBe("duplicate_reservation");
    expect(refusal(s, { kind: "amount", amount: 10 }, { id: "" })).toBe("invalid_request");
  });

  it("a quote prices a request without reserving anything", () => {
    const s = threeDishes();
    const q = quote(s, { kind: "shares", parts: 3, count: 2 });
    expect(q).toMatchObject({ ok: true, value: { amount: 2000, split: { parts: 3, amounts: [1000, 1000, 1000] } } });
    expect(s.split).toBeNull();
    expect(s.reservations).toHaveLength(0);
  });
});

describe("release, settle, expiry", () => {
  it("release frees a held reservation, is a no-op for a gone one, and refuses a paid one", () => {
    const [s1, r] = take(threeDishes(), { kind: "whole" });
    const out = release(s1, r.id);
    expect(out).toMatchObject({ ok: true, released: true });
    if (!out.ok) return;
    expect(remaining(out.state)).toBe(3000);
    expect(release(out.state, r.id)).toMatchObject({ ok: true, released: false });
    expect(release(pay(s1, r), r.id)).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
  });

  it("settle is idempotent", () => {
    const [s1, r] = take(threeDishes(), { kind: "amount", amount: 700 });
    const once = settle(s1, r, 2000);
    const twice = settle(once.state, r, 3000);
    expect(once).toMatchObject({ changed: true, applied: 700, overpaid: 0 });
    expect(twice).toMatchObject({ changed: false, applied: 700, overpaid: 0 });
    expect(twice.state).toBe(once.state);
    expect(progress(twice.state)).toMatchObject({ paid: 700, status: "partly_paid" });
  });

  it("a success arriving after its reservation was released is taken back in; what no longer fits is overpaid", () => {
    const [s1, first] = take(threeDishes(), { kind: "items", itemIds: ["a", "b"] });
    const s2 = drop(s1, first); // e.g. expired on our side
    const [s3, other] = take(s2, { kind: "items", itemIds: ["b", "c"] });
    const s4 = pay(s3, other); // 2000 paid, 1000 left
    const late = settle(s4, first, 5000);
    expect(late).toMatchObject({ changed: true, applied: 1000, overpaid: 1000 });
    expect(late.state.reservations.find((r) => r.id === first.id)).toMatchObject({ status: "settled", amount: 1000, cover: { kind: "amount" } });
    expect(progress(late.state)).toMatchObject({ status: "paid", paid: 3000, overpaid: 0 });
  });

  it("a late success whose items are still free keeps its cover", () => {
    const [s1, first] = take(threeDishes(), { kind: "items", itemIds: ["a"] });
    const late = settle(drop(s1, first), first, 5000);
    expect(late).toMatchObject({ applied: 1000, overpaid: 0 });
    expect(progress(late.state).itemsPaid).toEqual(["a"]);
  });

  it("lists held reservations past their expiry", () => {
    const s = threeDishes();
    const [s1, early] = take(s, { kind: "amount", amount: 100 }, { expiresAt: 5000 });
    const [s2, paid] = take(s1, { kind: "amount", amount: 100 }, { expiresAt: 5000 });
    const [s3] = take(pay(s2, paid), { kind: "amount", amount: 100 }, { expiresAt: 9000 });
    expect(expired(s3, 4999)).toEqual([]);
    expect(expired(s3, 5000).map((r) => r.id)).toEqual([early.id]);
  });
});

describe("the bill changes while it is being paid", () => {
  it("a new round reopens a paid bill for the difference", () => {
    const b1 = bill([item("a", 1000)]);
    const [s1, r] = take(openPayState(b1), { kind: "whole" });
    const s2 = rebill(pay(s1, r), bill([item("a", 1000), item("b", 500, { roundId: "r2" })]));
    expect(progress(s2)).toMatchObject({ status: "partly_paid", paid: 1000, remaining: 500 });
    const [, rest] = take(s2, { kind: "items", itemIds: ["b"] });
    expect(rest.amount).toBe(500);
  });

  it("a voided item after payment shows as overpaid", () => {
    const [s1, r] = take(openPayState(bill([item("a", 1000), item("b", 500)])), { kind: "whole" });
    const s2 = rebill(pay(s1, r), bill([item("a", 1000), item("b", 500, { voided: true })]));
    expect(progress(s2)).toMatchObject({ status: "paid", paid: 1500, remaining: 0, overpaid: 500 });
  });

  it("if the bill shrinks under the split's untaken shares, what remains is split again over them", () => {
    const s0 = openPayState(bill([item("a", 600), item("b", 300)]));
    const [s1, one] = take(s0, { kind: "shares", parts: 3, count: 1 }); // 300 of 900
    const s2 = rebill(pay(s1, one), bill([item("a", 600), item("b", 300, { voided: true })]));
    expect(progress(s2).split?.amounts).toEqual([300, 150, 150]);
    const [s3, a] = take(s2, { kind: "shares", parts: 3, count: 1 });
    const [, b] = take(s3, { kind: "shares", parts: 3, count: 1 });
    expect(one.amount + a.amount + b.amount).toBe(600);
  });

  it("items paid in earlier splits stay paid after a rebill; the last items absorb cents a changed apportionment leaves", () => {
    const tax = { kind: "added", rateBp: 1000 } as const;
    const b1 = bill([item("a", 5), item("b", 5)], tax); // tax 1: a gets it
    const [s1, a] = take(openPayState(b1), { kind: "items", itemIds: ["a"] });
    expect(a.amount).toBe(6);
    const b2 = bill([item("a", 5), item("b", 5), item("c", 5, { roundId: "r2" })], tax); // tax 2 (1.5 → 2): a and b
    const s2 = rebill(pay(s1, a), b2);
    const [s3, bc] = take(s2, { kind: "items", itemIds: ["b", "c"] });
    expect(a.amount + bc.amount).toBe(b2.total);
    expect(progress(pay(s3, bc)).status).toBe("paid");
  });
});
