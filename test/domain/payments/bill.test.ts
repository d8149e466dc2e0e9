import { describe, expect, it } from "vitest";
import { billItemsFrom, computeBill, linesOf } from "../../../src/domain/payments/bill";
import type { OrderItem } from "../../../src/domain/table/items";
import { bill, item, rng } from "./support";

const sums = (b: ReturnType<typeof bill>) => ({
  due: b.lines.reduce((s, l) => s + l.due, 0),
  service: b.lines.reduce((s, l) => s + l.service, 0),
  tax: b.lines.reduce((s, l) => s + l.tax, 0),
  amount: b.lines.reduce((s, l) => s + l.amount, 0),
});

describe("bill: tax included in prices", () => {
  it("shows the included tax and charges the listed prices", () => {
    const b = bill([item("a", 1100), item("b", 2200)], { kind: "inclusive", rateBp: 1000 });
    expect([b.subtotal, b.service, b.tax, b.total]).toEqual([3300, 0, 300, 3300]);
    expect(b.lines.map((l) => [l.tax, l.due])).toEqual([
      [100, 1100],
      [200, 2200],
    ]);
  });

  it("the service charge is taxed like the items: included tax is taken from items plus service", () => {
    const b = bill([item("a", 1000)], { kind: "inclusive", rateBp: 1000 }, 1000);
    expect([b.subtotal, b.service, b.tax, b.total]).toEqual([1000, 100, 100, 1100]);
    expect(b.lines[0]).toMatchObject({ amount: 1000, service: 100, tax: 100, due: 1100 });
  });

  it("rounds the included part half up on the total (3 cents at 20 %: 0.5 → 1; 1 cent: 0)", () => {
    expect(bill([item("a", 3)], { kind: "inclusive", rateBp: 2000 }).tax).toBe(1);
    expect(bill([item("a", 1)], { kind: "inclusive", rateBp: 2000 }).tax).toBe(0);
    expect(bill([item("a", 1)], { kind: "inclusive", rateBp: 2000 }).total).toBe(1);
  });
});

describe("bill: tax added on top", () => {
  it("adds tax on items plus service, rounded once per bill", () => {
    const b = bill([item("a", 1234)], { kind: "added", rateBp: 2000 }, 1000);
    // service 123.4 → 123; tax (1234 + 123) × 20 % = 271.4 → 271
    expect([b.subtotal, b.service, b.tax, b.total]).toEqual([1234, 123, 271, 1628]);
  });

  it("apportions the tax over lines by largest remainder so the lines sum to the total", () => {
    const b = bill([item("a", 999), item("b", 1)], { kind: "added", rateBp: 875 });
    // 1000 × 8.75 % = 87.5 → 88
    expect([b.tax, b.total]).toEqual([88, 1088]);
    expect(b.lines.map((l) => [l.tax, l.due])).toEqual([
      [88, 1087],
      [0, 1],
    ]);
  });

  it("rounding per bill, not per line: three 1-cent items at 50 % tax make 2 cents of tax, not 3", () => {
    const b = bill([item("a", 1), item("b", 1), item("c", 1)], { kind: "added", rateBp: 5000 });
    // 3 × 50 % = 1.5 → 2 on the bill (per line, 0.5 → 1 each would make 3)
    expect([b.tax, b.total]).toEqual([2, 5]);
    expect(b.lines.map((l) => l.due)).toEqual([2, 2, 1]);
  });
});

describe("bill: lines", () => {
  it("leaves voided items out and keeps the others in order, per diner", () => {
    const b = bill([item("a", 500, { dinerId: "ann" }), item("b", 700, { voided: true }), item("c", 300, { dinerId: "bob" }), item("d", 200, { dinerId: "ann" })]);
    expect(b.lines.map((l) => l.itemId)).toEqual(["a", "c", "d"]);
    expect(b.subtotal).toBe(1000);
    expect(linesOf(b, "ann").map((l) => l.itemId)).toEqual(["a", "d"]);
  });

  it("an empty or all-voided bill is zero", () => {
    expect(bill([]).total).toBe(0);
    const b = bill([item("a", 500, { voided: true })], { kind: "added", rateBp: 1000 }, 1000);
    expect([b.lines.length, b.subtotal, b.service, b.tax, b.total]).toEqual([0, 0, 0, 0, 0]);
  });

  it("free items cost their payer nothing", () => {
    const b = bill([item("water", 0), item("a", 1000)], { kind: "added", rateBp: 1000 }, 1000);
    expect(b.lines[0]).toMatchObject({ service: 0, tax: 0, due: 0 });
    expect(b.lines[1]!.due).toBe(b.total);
  });

  it("takes the table's order items: voided ones marked, names chosen by the caller", () => {
    const order = (id: string, state: OrderItem["status"]): OrderItem => ({
      id,
      roundId: "r1",
      dishId: "dish",
      categoryId: "c",
      station: "kitchen",
      name: { en: `Dish ${id}`, fr: `Plat ${id}` },
      options: [],
      quantity: 2,
      unitPrice: 450,
      lineTotal: 900,
      note: "",
      dinerId: "d1",
      status: state,
      updatedAt: 0,
    });
    const items = billItemsFrom([order("x", { state: "served" }), order("y", { state: "voided", reason: "cold", by: "u", previous: "ready" })], (t) => t.fr!);
    expect(items.map((i) => [i.itemId, i.name, i.voided])).toEqual([
      ["x", "Plat x", false],
      ["y", "Plat y", true],
    ]);
    expect(computeBill({ currency: "EUR", items, taxMode: { kind: "inclusive", rateBp: 550 }, serviceBp: 0 }).total).toBe(900);
  });

  it("for many random bills, every column of the lines sums to the bill's (deterministic seed)", () => {
    const r = rng(2026);
    for (let n = 0; n < 400; n++) {
      const items = Array.from({ length: r.int(1, 15) }, (_, i) => item(`i${i}`, r.int(0, 20_000), { voided: r.next() < 0.1 }));
      const taxMode = r.next() < 0.5 ? ({ kind: "inclusive", rateBp: r.int(0, 3000) } as const) : ({ kind: "added", rateBp: r.int(0, 3000) } as const);
      const b = bill(items, taxMode, r.pick([0, 0, 500, 1000, 1250, 1500]));
      const s = sums(b);
      expect(s.due).toBe(b.total);
      expect(s.service).toBe(b.service);
      expect(s.tax).toBe(b.tax);
      expect(s.amount).toBe(b.subtotal);
      expect(b.total).toBe(b.subtotal + b.service + (taxMode.kind === "added" ? b.tax : 0));
      if (taxMode.kind === "inclusive") expect(b.tax).toBeLessThanOrEqual(b.total);
    }
  });
});
