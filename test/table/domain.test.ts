import { describe, expect, it } from "vitest";
import { applyCartChange, applyCartOp, normalizeDinerName, type CartLine, type CartOp } from "../../src/domain/cart/ops";
import { indexMenu, resolveSelection } from "../../src/domain/cart/pricing";
import { errorStatus } from "../../src/http/errors";
import { transition, cartEditable } from "../../src/domain/table/lifecycle";
import { moveItem, voidItem, nextItemState, itemsTotal, type OrderItem } from "../../src/domain/table/items";
import { placeCall, acknowledgeCall, type ServiceCall } from "../../src/domain/table/calls";
import { buildRound } from "../../src/domain/table/rounds";
import { stillToConfirm } from "../../src/domain/table/confirm";
import { testMenu } from "./fixtures";

// A Wednesday at 12:00 and at 20:00 in Paris (CET, UTC+1).
const LUNCH = Date.UTC(2026, 0, 14, 11, 0);
const EVENING = Date.UTC(2026, 0, 14, 19, 0);

let ids = 0;
const ctxFor = (dinerId: string, lines: CartLine[], menu = indexMenu(testMenu()), staff = false) => ({
  actor: { dinerId, staff },
  menu,
  now: LUNCH,
  newLineId: () => `lin_${++ids}`,
  nextSeq: lines.length + 1,
});

function run(lines: CartLine[], dinerId: string, op: CartOp, menu = indexMenu(testMenu()), staff = false) {
  const res = applyCartOp(lines, op, ctxFor(dinerId, lines, menu, staff));
  if (!res.ok) return { lines, error: res.error };
  return { lines: applyCartChange(lines, res.value), error: null };
}

describe("pricing", () => {
  const menu = indexMenu(testMenu());
  const ctx = { staff: false, checkAvailability: true, now: LUNCH };

  it("applies default options and adds option prices on the server", () => {
    const plain = resolveSelection(menu, "dish_burger", [], ctx);
    expect(plain.ok && plain.value.unitPrice).toBe(1250);
    expect(plain.ok && plain.value.options.map((o) => o.option.id)).toEqual(["opt_regular"]);
    const big = resolveSelection(menu, "dish_burger", ["opt_large", "opt_cheese", "opt_bacon"], ctx);
    expect(big.ok && big.value.unitPrice).toBe(1250 + 300 + 100 + 150);
  });

  it("refuses unknown dishes, foreign options, too many choices and duplicates", () => {
    expect(resolveSelection(menu, "dish_nope", [], ctx)).toMatchObject({ ok: false, error: { code: "unknown_dish" } });
    expect(resolveSelection(menu, "dish_burger", ["opt_nope"], ctx)).toMatchObject({ ok: false, error: { code: "unknown_option" } });
    expect(resolveSelection(menu, "dish_steak", ["opt_large"], ctx)).toMatchObject({ ok: false, error: { code: "unknown_option" } });
    expect(resolveSelection(menu, "dish_burger", ["opt_regular", "opt_large"], ctx)).toMatchObject({ ok: false, error: { code: "invalid_options" } });
    expect(resolveSelection(menu, "dish_burger", ["opt_cheese", "opt_bacon", "opt_egg"], ctx)).toMatchObject({
      ok: false,
      error: { code: "invalid_options", message: 'Choose at most 2 for "Extras".' },
    });
    expect(resolveSelection(menu, "dish_burger", ["opt_cheese", "opt_cheese"], ctx)).toMatchObject({ ok: false, error: { code: "invalid_options" } });
  });

  it("hides staff-only dishes from guests but not from staff", () => {
    expect(resolveSelection(menu, "dish_staff_meal", [], ctx)).toMatchObject({ ok: false, error: { code: "unknown_dish" } });
    expect(resolveSelection(menu, "dish_staff_meal", [], { ...ctx, staff: true }).ok).toBe(true);
  });

  it("refuses sold-out dishes and dishes outside their time window", () => {
    const soldOut = indexMenu(testMenu({ soldOut: ["dish_steak"] }));
    expect(resolveSelection(soldOut, "dish_steak", [], ctx)).toMatchObject({ ok: false, error: { code: "sold_out", message: "steak is sold out." } });
    expect(resolveSelection(menu, "dish_lunch_special", [], ctx).ok).toBe(true);
    expect(resolveSelection(menu, "dish_lunch_special", [], { ...ctx, now: EVENING })).toMatchObject({ ok: false, error: { code: "dish_unavailable" } });
  });

  it("maps every error code to an HTTP status", () => {
    expect(errorStatus("unknown_dish")).toBe(400);
    expect(errorStatus("sold_out")).toBe(409);
    expect(errorStatus("session_ended")).toBe(410);
  });
});

describe("cart operations", () => {
  it("adds, merges identical adds, updates, and removes", () => {
    let s = run([], "din_a", { op: "add", dishId: "dish_burger", optionIds: [], quantity: 1, note: "" });
    s = run(s.lines, "din_a", { op: "add", dishId: "dish_burger", optionIds: ["opt_regular"], quantity: 2, note: "" });
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]!.quantity).toBe(3);
    s = run(s.lines, "din_a", { op: "add", dishId: "dish_burger", optionIds: [], quantity: 1, note: "no onions" });
    expect(s.lines).toHaveLength(2);
    const id = s.lines[1]!.id;
    s = run(s.lines, "din_a", { op: "update", lineId: id, quantity: 5, optionIds: ["opt_large"], note: "  well done \n" });
    expect(s.lines[1]).toMatchObject({ quantity: 5, optionIds: ["opt_large"], note: "well done" });
    s = run(s.lines, "din_a", { op: "remove", lineId: id });
    expect(s.lines.map((l) => l.id)).not.toContain(id);
  });

  it("refuses out-of-range quantities and long notes", () => {
    for (const quantity of [0, -1, 100, 1.5, Number.NaN]) {
      expect(run([], "din_a", { op: "add", dishId: "dish_cola", optionIds: [], quantity, note: "" }).error?.code).toBe("invalid_quantity");
    }
    const s = run([], "din_a", { op: "add", dishId: "dish_cola", optionIds: [], quantity: 60, note: "" });
    expect(run(s.lines, "din_a", { op: "add", dishId: "dish_cola", optionIds: [], quantity: 40, note: "" }).error?.code).toBe("invalid_quantity");
    expect(run([], "din_a", { op: "add", dishId: "dish_cola", optionIds: [], quantity: 1, note: "x".repeat(201) }).error?.code).toBe("invalid_note");
  });

  it("lets diners edit only their own lines until they take one over", () => {
    let s = run([], "din_a", { op: "add", dishId: "dish_cola", optionIds: [], quantity: 1, note: "" });
    const id = s.lines[0]!.id;
    expect(run(s.lines, "din_b", { op: "update", lineId: id, quantity: 2 }).error?.code).toBe("not_your_line");
    expect(run(s.lines, "din_b", { op: "remove", lineId: id }).error?.code).toBe("not_your_line");
    s = run(s.lines, "din_b", { op: "take_over", lineId: id });
    expect(s.lines[0]).toMatchObject({ dinerId: "din_b", addedBy: "din_a" });
    s = run(s.lines, "din_b", { op: "update", lineId: id, quantity: 2 });
    expect(s.lines[0]!.quantity).toBe(2);
    expect(run(s.lines, "din_a", { op: "update", lineId: id, quantity: 3 }).error?.code).toBe("not_your_line");
    // Staff may fix any line.
    expect(run(s.lines, "stf_1", { op: "update", lineId: id, quantity: 3 }, undefined, true).error).toBeNull();
  });

  it("refuses a missing line and a full cart", () => {
    expect(run([], "din_a", { op: "remove", lineId: "lin_nope" }).error?.code).toBe("line_not_found");
    let lines: CartLine[] = [];
    for (let i = 0; i < 150; i++) lines = run(lines, `din_${i}`, { op: "add", dishId: "dish_cola", optionIds: [], quantity: 1, note: "" }).lines;
    expect(run(lines, "din_x", { op: "add", dishId: "dish_cola", optionIds: [], quantity: 1, note: "" }).error?.code).toBe("cart_full");
  });

  it("normalizes diner names", () => {
    expect(normalizeDinerName("  Ana \n Lee ")).toEqual({ ok: true, value: "Ana Lee" });
    expect(normalizeDinerName(" ").ok).toBe(false);
    expect(normalizeDinerName("x".repeat(41)).ok).toBe(false);
  });
});

describe("session lifecycle", () => {
  it("follows free → open → bill_requested → paying → closed → free", () => {
    expect(transition("free", "open")).toEqual({ ok: true, value: "open" });
    expect(transition("open", "request_bill")).toEqual({ ok: true, value: "bill_requested" });
    expect(transition("bill_requested", "resume")).toEqual({ ok: true, value: "open" });
    expect(transition("bill_requested", "start_paying")).toEqual({ ok: true, value: "paying" });
    expect(transition("paying", "payment_failed")).toEqual({ ok: true, value: "bill_requested" });
    expect(transition("paying", "close")).toEqual({ ok: true, value: "closed" });
    expect(transition("closed", "reset")).toEqual({ ok: true, value: "free" });
  });

  it("refuses impossible steps", () => {
    expect(transition("free", "close")).toMatchObject({ ok: false, error: { code: "invalid_transition" } });
    expect(transition("closed", "open")).toMatchObject({ ok: false });
    expect(transition("paying", "request_bill")).toMatchObject({ ok: false });
    expect(cartEditable("paying")).toBe(false);
    expect(cartEditable("bill_requested")).toBe(true);
  });
});

describe("item states", () => {
  it("moves forward one tap at a time, may undo one step, and voids with a reason", () => {
    expect(nextItemState("received")).toBe("preparing");
    expect(nextItemState("served")).toBeNull();
    expect(moveItem({ state: "received" }, "preparing")).toEqual({ ok: true, value: { state: "preparing" } });
    expect(moveItem({ state: "ready" }, "preparing")).toEqual({ ok: true, value: { state: "preparing" } });
    expect(moveItem({ state: "served" }, "received")).toMatchObject({ ok: false, error: { code: "invalid_transition" } });
    expect(voidItem({ state: "preparing" }, "  ", "u1")).toMatchObject({ ok: false, error: { code: "invalid_note" } });
    const voided = voidItem({ state: "preparing" }, "Guest changed mind", "u1");
    expect(voided).toEqual({ ok: true, value: { state: "voided", reason: "Guest changed mind", by: "u1", previous: "preparing" } });
    expect(voided.ok && moveItem(voided.value, "served")).toMatchObject({ ok: false });
  });

  it("does not charge voided items", () => {
    const item = (lineTotal: number, voided: boolean) =>
      ({ lineTotal, status: voided ? { state: "voided", reason: "x", by: "u", previous: "received" } : { state: "served" } }) as OrderItem;
    expect(itemsTotal([item(500, false), item(700, true), item(100, false)])).toBe(600);
  });
});

describe("service calls", () => {
  it("does not page twice for the same open call, needs text for a note, and acknowledges", () => {
    const first = placeCall([], { kind: "waiter", note: "" }, "din_a", "cal_1", 1);
    expect(first).toMatchObject({ ok: true, value: { created: true } });
    const calls = first.ok ? [first.value.call] : [];
    expect(placeCall(calls, { kind: "waiter", note: "" }, "din_a", "cal_2", 2)).toMatchObject({ ok: true, value: { created: false, call: { id: "cal_1" } } });
    expect(placeCall(calls, { kind: "waiter", note: "" }, "din_b", "cal_3", 2)).toMatchObject({ ok: true, value: { created: true } });
    expect(placeCall(calls, { kind: "note", note: " " }, "din_a", "cal_4", 2)).toMatchObject({ ok: false, error: { code: "invalid_note" } });
    const acked = acknowledgeCall(calls[0]!, "usr_1", 5);
    expect(acked.ack).toEqual({ at: 5, by: "usr_1" });
    expect(acknowledgeCall(acked, "usr_2", 9)).toBe(acked);
  });

  it("limits open calls per table", () => {
    let calls: ServiceCall[] = [];
    for (let i = 0; i < 10; i++) {
      const r = placeCall(calls, { kind: "note", note: `n${i}` }, "din_a", `cal_${i}`, i);
      if (r.ok) calls = [...calls, r.value.call];
    }
    expect(placeCall(calls, { kind: "water", note: "" }, "din_b", "cal_x", 11)).toMatchObject({ ok: false, error: { code: "too_many_calls" } });
  });
});

describe("rounds", () => {
  const lines = (): CartLine[] => {
    let s = run([], "din_a", { op: "add", dishId: "dish_burger", optionIds: ["opt_large", "opt_cheese"], quantity: 2, note: "rare" });
    s = run(s.lines, "din_b", { op: "add", dishId: "dish_cola", optionIds: [], quantity: 3, note: "" });
    return s.lines;
  };
  const ctx = { roundId: "rnd_1", newItemId: (() => { let n = 0; return () => `itm_${++n}`; })(), dinerName: (id: string) => id.toUpperCase(), now: LUNCH };

  it("prices every line from the menu and freezes it", () => {
    const r = buildRound(lines(), indexMenu(testMenu()), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.subtotal).toBe(2 * (1250 + 300 + 100) + 3 * 350);
    expect(r.value.items.map((i) => [i.station, i.status.state])).toEqual([["grill", "received"], ["bar", "received"]]);
    expect(r.value.ledgerLines[0]).toMatchObject({ name: "burger", unitPrice: 1650, lineTotal: 3300, dinerName: "DIN_A", note: "rare" });
  });

  it("refuses the whole round when a dish sold out meanwhile, naming it", () => {
    const r = buildRound(lines(), indexMenu(testMenu({ soldOut: ["dish_cola"] })), ctx);
    expect(r).toMatchObject({ ok: false, error: { code: "sold_out", message: "Sold out now: cola. Remove it to send the order.", details: { dishIds: ["dish_cola"] } } });
    expect(buildRound([], indexMenu(testMenu()), ctx)).toMatchObject({ ok: false, error: { code: "cart_empty" } });
  });

  it("waits for every diner with a line and every guest at the table when all must confirm", () => {
    const owners = lines().map((l) => l.dinerId);
    expect(stillToConfirm(owners, [], ["din_a"])).toEqual(["din_b"]);
    expect(stillToConfirm(owners, [], ["din_a", "din_b"])).toEqual([]);
    // A guest still choosing (connected, nothing in the cart yet) holds the round back…
    expect(stillToConfirm(owners, ["din_a", "din_c"], ["din_a", "din_b"])).toEqual(["din_c"]);
    // …one who left does not, unless their dishes are in the cart.
    expect(stillToConfirm(owners, ["din_a"], ["din_a"])).toEqual(["din_b"]);
  });
});
