import type { Translated } from "../menu/types";
import { hasBidiControl, isInvisible } from "../text";
import { fail, ok, type Result } from "./errors";
import { CART_LIMITS } from "./limits";
import { resolveSelection, type MenuIndex } from "./pricing";

/** One line of the shared cart, as the table object stores it. Prices are never stored here. */
export interface CartLine {
  id: string;
  /** The diner who may edit the line (changes on an explicit take-over). */
  dinerId: string;
  /** The diner who first added it. */
  addedBy: string;
  dishId: string;
  /** The dish's name when added, shown if the dish later leaves the menu. */
  name: Translated;
  /** Resolved against the menu: defaults included, in menu order. */
  optionIds: string[];
  quantity: number;
  note: string;
  /** Order of insertion, for a stable display. */
  seq: number;
  /**
   * The unit price the menu had when the line's diner last added or changed it (what their page
   * showed then). The line is priced from the menu now; when the two differ the line is marked
   * as changed. Absent on lines stored before this was kept.
   */
  shownPrice?: number;
}

/** A change a diner asks for; the object applies these one at a time, in arrival order. */
export type CartOp =
  | { op: "add"; dishId: string; optionIds: string[]; quantity: number; note: string }
  | { op: "update"; lineId: string; quantity?: number; optionIds?: string[]; note?: string }
  | { op: "remove"; lineId: string }
  | { op: "take_over"; lineId: string };

export type CartChange = { kind: "upsert"; line: CartLine } | { kind: "remove"; lineId: string };

export interface Actor {
  dinerId: string;
  /** Staff may edit every line and order staff-only dishes. */
  staff: boolean;
}

export interface OpContext {
  actor: Actor;
  menu: MenuIndex;
  now: number;
  newLineId: () => string;
  nextSeq: number;
}

/**
 * Validates one operation against the current lines and the menu and says what changes. Pure:
 * the caller stores the change and broadcasts it. Adding a dish a diner already has with the same
 * options and note raises that line's quantity instead of making a second line.
 */
export function applyCartOp(lines: readonly CartLine[], op: CartOp, ctx: OpContext): Result<CartChange> {
  const { actor } = ctx;
  const select = { staff: actor.staff, checkAvailability: true, now: ctx.now };

  if (op.op === "add") {
    const q = checkQuantity(op.quantity);
    if (!q.ok) return q;
    const note = normalizeNote(op.note);
    if (!note.ok) return note;
    const sel = resolveSelection(ctx.menu, op.dishId, op.optionIds, select);
    if (!sel.ok) return sel;
    const optionIds = sel.value.options.map((c) => c.option.id);
    const same = lines.find(
      (l) => l.dinerId === actor.dinerId && l.dishId === op.dishId && l.note === note.value && sameIds(l.optionIds, optionIds),
    );
    if (same) {
      const quantity = same.quantity + q.value;
      if (quantity > CART_LIMITS.maxQuantity) return quantityError();
      return ok({ kind: "upsert", line: { ...same, quantity, shownPrice: sel.value.unitPrice } });
    }
    if (lines.length >= CART_LIMITS.maxLines) return fail("cart_full", `A cart holds at most ${CART_LIMITS.maxLines} lines; send a round first.`);
    return ok({
      kind: "upsert",
      line: {
        id: ctx.newLineId(),
        dinerId: actor.dinerId,
        addedBy: actor.dinerId,
        dishId: op.dishId,
        name: sel.value.dish.name,
        optionIds,
        quantity: q.value,
        note: note.value,
        seq: ctx.nextSeq,
        shownPrice: sel.value.unitPrice,
      },
    });
  }

  const line = lines.find((l) => l.id === op.lineId);
  if (!line) return fail("line_not_found", "This line is no longer in the cart.", { lineId: op.lineId });

  if (op.op === "take_over") {
    if (line.dinerId === actor.dinerId) return ok({ kind: "upsert", line });
    return ok({ kind: "upsert", line: { ...line, dinerId: actor.dinerId } });
  }
  if (line.dinerId !== actor.dinerId && !actor.staff) {
    return fail("not_your_line", "Someone else added this line; take it over first to change it.", { lineId: line.id });
  }
  if (op.op === "remove") return ok({ kind: "remove", lineId: line.id });

  const next = { ...line };
  if (op.quantity !== undefined) {
    const q = checkQuantity(op.quantity);
    if (!q.ok) return q;
    next.quantity = q.value;
  }
  if (op.note !== undefined) {
    const note = normalizeNote(op.note);
    if (!note.ok) return note;
    next.note = note.value;
  }
  if (op.optionIds !== undefined) {
    const sel = resolveSelection(ctx.menu, line.dishId, op.optionIds, select);
    if (!sel.ok) return sel;
    next.optionIds = sel.value.options.map((c) => c.option.id);
  }
  // The diner changed the line while their page showed its current price: that is the price seen.
  const priced = resolveSelection(ctx.menu, next.dishId, next.optionIds, { ...select, checkAvailability: false });
  if (priced.ok) next.shownPrice = priced.value.unitPrice;
  return ok({ kind: "upsert", line: next });
}

/** Applies a change to a list of lines, kept in insertion order. */
export function applyCartChange(lines: readonly CartLine[], change: CartChange): CartLine[] {
  if (change.kind === "remove") return lines.filter((l) => l.id !== change.lineId);
  const i = lines.findIndex((l) => l.id === change.line.id);
  if (i < 0) return [...lines, change.line].sort((a, b) => a.seq - b.seq);
  const copy = lines.slice();
  copy[i] = change.line;
  return copy;
}

function checkQuantity(quantity: number): Result<number> {
  if (!Number.isInteger(quantity) || quantity < CART_LIMITS.minQuantity || quantity > CART_LIMITS.maxQuantity) return quantityError();
  return ok(quantity);
}

const quantityError = () =>
  fail("invalid_quantity", `Quantity must be a whole number from ${CART_LIMITS.minQuantity} to ${CART_LIMITS.maxQuantity}.`);

/** Trims a note and removes control characters; refuses one that is too long. */
export function normalizeNote(note: string): Result<string> {
  // eslint-disable-next-line no-control-regex
  const clean = note.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  if (clean.length > CART_LIMITS.maxNoteLength) return fail("invalid_note", `A note can be at most ${CART_LIMITS.maxNoteLength} characters.`);
  return ok(clean);
}

/**
 * A diner's display name: trimmed, no control characters, 1–40 characters, at least one of them
 * visible. Text-direction controls are refused, not stripped: a name that needs them to read
 * right is a spoof ("Ana" followed by an override that reverses what the page shows next to it).
 */
export function normalizeDinerName(name: string): Result<string> {
  if (hasBidiControl(name)) return fail("invalid_name", "A name cannot contain text-direction control characters.");
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  if (clean.length > 0 && isInvisible(clean)) return fail("invalid_name", "A name needs at least one visible character.");
  if (clean.length < 1 || clean.length > CART_LIMITS.maxDinerNameLength) {
    return fail("invalid_name", `A name needs 1 to ${CART_LIMITS.maxDinerNameLength} characters.`);
  }
  return ok(clean);
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
