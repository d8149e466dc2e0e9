// The pay sheet's prices (web/guest/live/pay/price.ts): each choice shown at what the table object
// will claim it for, shares, marks and the open ways to pay as the bill's reservations stand.
import { describe, expect, it } from "vitest";
import { claim, openPayState, progress, settle, type PayState } from "../../src/domain/payments/reservations";
import type { BillView } from "../../src/table/protocol";
import { itemMarks, modesOpen, ownFree, parseAmount, partsRange, presetsFor, priceOf, shareRows, type Choice } from "../../web/guest/live/pay/price";
import { bill, item } from "../domain/payments/support";

const view = (state: PayState): BillView => ({
  state,
  progress: progress(state),
  payments: [],
  tips: { presetsBp: [500, 1000], custom: true, maxBp: 2000 },
  wallets: ["CONNECT_WALLET", "ALIPAY_CN"],
  timing: "after_meal",
});

const choice = (c: Partial<Choice>): Choice => ({ mode: "whole", parts: 2, count: 1, itemIds: [], amount: 0, tip: { kind: "none" }, ...c });

// 10.00 + 20.00 by Ana (d1), 30.01 by Ben (d2), 10 % service, tax included.
const start = () =>
  openPayState(bill([item("a", 1000), item("b", 2000), item("c", 3001, { dinerId: "d2" })], { kind: "inclusive", rateBp: 1000 }, 1000));

function claimed(s: PayState, id: string, payerId: string, request: Parameters<typeof claim>[1]["request"]): PayState {
  const out = claim(s, { id, payerId, request, now: 1, expiresAt: 100 });
  if (!out.ok) throw new Error(out.error.code);
  return out.state;
}

describe("pay sheet prices", () => {
  it("the whole bill costs what is still owed, service included", () => {
    const b = view(start());
    expect(b.progress.total).toBe(6601);
    expect(priceOf(b, choice({}))).toMatchObject({ ok: true, amount: 6601, tip: 0, request: { kind: "whole" } });
  });

  it("my items: the guest's own untaken lines, priced at their dues; taken items are marked and left out", () => {
    let s = start();
    const b0 = view(s);
    expect(ownFree(b0, "d1")).toEqual(["a", "b"]);
    const due = s.bill.lines.filter((l) => l.dinerId === "d1").reduce((n, l) => n + l.due, 0);
    expect(priceOf(b0, choice({ mode: "items", itemIds: ["a", "b"] }))).toMatchObject({ ok: true, amount: due });

    s = claimed(s, "p1", "d2", { kind: "items", itemIds: ["a"] });
    const b1 = view(s);
    expect(ownFree(b1, "d1")).toEqual(["b"]);
    expect(itemMarks(b1).get("a")).toBe("held");
    const taken = priceOf(b1, choice({ mode: "items", itemIds: ["a", "b"] }));
    expect(taken.ok ? null : taken.error.code).toBe("item_taken");

    s = settle(s, s.reservations[0]!, 2).state;
    expect(itemMarks(view(s)).get("a")).toBe("paid");
  });

  it("the even split: each share's amount before it starts, the guest's shares, then fixed once a share is taken", () => {
    let s = start();
    const rows = shareRows(view(s), 3, 2);
    expect(rows.map((r) => r.amount)).toEqual([2200, 2200, 2201]);
    expect(rows.map((r) => r.state)).toEqual(["mine", "mine", "open"]);
    expect(priceOf(view(s), choice({ mode: "shares", parts: 3, count: 2 }))).toMatchObject({ ok: true, amount: 4400 });
    expect(partsRange(view(s))).toMatchObject({ min: 2, fixed: false });

    s = claimed(s, "p1", "d2", { kind: "shares", parts: 3, count: 1 });
    const b = view(s);
    expect(partsRange(b)).toEqual({ min: 3, max: 3, fixed: true });
    expect(shareRows(b, 3, 1).map((r) => r.state)).toEqual(["held", "mine", "open"]);
    expect(priceOf(b, choice({ mode: "shares", parts: 3, count: 1 }))).toMatchObject({ ok: true, amount: 2200 });
    // Everything left is in the split's shares: items and custom amounts cannot be chosen.
    expect(modesOpen(b)).toEqual({ whole: true, shares: true, items: false, amount: false });
  });

  it("a custom amount at most what is free", () => {
    const b = view(start());
    expect(priceOf(b, choice({ mode: "amount", amount: 1500 }))).toMatchObject({ ok: true, amount: 1500 });
    const over = priceOf(b, choice({ mode: "amount", amount: 6602 }));
    expect(over.ok ? null : over.error.code).toBe("exceeds_remaining");
  });

  it("tips: presets with their amounts on what is paid, custom up to the cap, never part of the bill", () => {
    const b = view(start());
    expect(presetsFor(b, 1500)).toEqual([
      { bp: 500, amount: 75 },
      { bp: 1000, amount: 150 },
    ]);
    expect(priceOf(b, choice({ mode: "amount", amount: 1500, tip: { kind: "preset", bp: 1000 } }))).toMatchObject({ ok: true, amount: 1500, tip: 150 });
    expect(priceOf(b, choice({ mode: "amount", amount: 1500, tip: { kind: "custom", amount: 300 } }))).toMatchObject({ ok: true, tip: 300 });
    const over = priceOf(b, choice({ mode: "amount", amount: 1500, tip: { kind: "custom", amount: 301 } }));
    expect(over.ok ? null : over.error.code).toBe("invalid_tip");
  });

  it("nothing left: no way to pay is open", () => {
    let s = claimed(start(), "p1", "d1", { kind: "whole" });
    s = settle(s, s.reservations[0]!, 2).state;
    expect(modesOpen(view(s))).toEqual({ whole: false, shares: false, items: false, amount: false });
  });
});

describe("amounts typed by guests", () => {
  it("reads decimals with a point or a comma, and thousands separators", () => {
    expect(parseAmount("12", 2)).toBe(1200);
    expect(parseAmount("12.5", 2)).toBe(1250);
    expect(parseAmount("12,50", 2)).toBe(1250);
    expect(parseAmount(" 1 234,5 ", 2)).toBe(123450);
    expect(parseAmount("1,234.50", 2)).toBe(123450);
    expect(parseAmount("1.234,50", 2)).toBe(123450);
    expect(parseAmount("1,234", 0)).toBe(1234);
    expect(parseAmount("1.234", 2)).toBe(123400);
  });

  it("refuses what is not a plain amount", () => {
    for (const bad of ["", "abc", "-5", "12.3456", "1e3", "12.5.1"]) expect(parseAmount(bad, 2), bad).toBeNull();
  });
});
