/**
 * Who is paying which part of a bill. The table object holds one `PayState` per open bill and
 * changes it only through these functions (it is single-threaded, so claims are applied one at
 * a time): `claim` when a guest starts a payment, `settle` when it succeeded, `release` when it
 * failed, was cancelled or expired, `rebill` when the bill changes (a round sent, an item voided).
 * The state is plain JSON; the same `Reservation` is stored with the payment (its `covers`).
 *
 * Guarantees, for any sequence of calls:
 * - Σ reservation amounts (held + settled) never exceeds the bill's total: nobody overpays;
 * - an item, or a share of the even split, is in at most one reservation: nobody pays it twice;
 * - a reservation's amount is fixed when claimed; `expected` lets the pay sheet refuse a price
 *   that moved between showing it and paying it (`amount_changed`).
 *
 * Ways to pay (`PayRequest`):
 * - `whole`: everything still owed (all of the bill when nothing is paid); takes every item and
 *   share not yet taken.
 * - `shares`: k shares of an even split into `parts`. The first share claim fixes the split over
 *   what is then free (nothing held or paid); later claims must use the same `parts`. When no
 *   share is held or paid any more, the split dissolves and another can be chosen.
 * - `items`: the dues of chosen items (`own` items are the caller's choice of the diner's lines,
 *   see `linesOf`). Capped at what is free; the claim that takes the last untaken items pays all
 *   that is free, absorbing cents left by a changed bill.
 * - `amount`: a custom amount, at most what is free.
 * "Free" is what is still owed outside the even split's untaken shares: while a split is under
 * way, items and custom amounts can only pay money the split does not cover (`split_in_progress`).
 *
 * Only release a reservation once the provider says the payment cannot succeed (failed, cancel
 * confirmed, inquiry FAIL/CANCELLED). Should a success still arrive for a released reservation,
 * `settle` takes the payment back in and reports what exceeded the bill (`overpaid`, to refund).
 */
import type { Bill } from "./bill";
import { isAmount, sum } from "./money";
import { refuse, type PaymentFailure } from "./errors";
import { dueOf, evenShares, isSplitParts, linesFor } from "./split";
import { billStatus, type BillStatus } from "./bill-state";

export interface EvenSplit {
  parts: number;
  /** Amount of each share, by index; Σ = what was free when the split began (re-based if the bill shrinks). */
  amounts: number[];
}

export type Cover =
  | { kind: "whole"; itemIds: string[]; shares: number[] }
  | { kind: "shares"; parts: number; shares: number[] }
  | { kind: "items"; itemIds: string[] }
  | { kind: "amount" };

export interface Reservation {
  /** Our paymentRequestId. */
  id: string;
  payerId: string;
  cover: Cover;
  /** The bill part being paid, minor units (tips are separate). */
  amount: number;
  status: "held" | "settled";
  heldAt: number;
  expiresAt: number;
  settledAt: number | null;
}

export interface PayState {
  bill: Bill;
  split: EvenSplit | null;
  /** Held and settled reservations; released ones are gone. */
  reservations: Reservation[];
}

export type PayRequest =
  | { kind: "whole" }
  | { kind: "shares"; parts: number; count: number }
  | { kind: "items"; itemIds: string[] }
  | { kind: "amount"; amount: number };

export interface ClaimInput {
  /** Our paymentRequestId for the payment about to be made. */
  id: string;
  payerId: string;
  request: PayRequest;
  /** The amount the guest was shown; refused with `amount_changed` when it differs. */
  expected?: number;
  now: number;
  /** When the reservation lapses unless settled (the payment's expiry). */
  expiresAt: number;
}

export interface Quote {
  amount: number;
  cover: Cover;
  /** The split the claim would start or continue. */
  split: EvenSplit | null;
}

/** A guest may have this many payments pending at once (a script cannot hold a whole bill hostage many times over). */
export const MAX_PENDING_PER_PAYER = 2;

export const openPayState = (bill: Bill): PayState => ({ bill, split: null, reservations: [] });

const itemsTaken = (s: PayState): Set<string> =>
  new Set(s.reservations.flatMap((r) => (r.cover.kind === "items" || r.cover.kind === "whole" ? r.cover.itemIds : [])));

const sharesTaken = (s: PayState): Set<number> =>
  new Set(s.reservations.flatMap((r) => (r.cover.kind === "shares" || r.cover.kind === "whole" ? r.cover.shares : [])));

const untakenShares = (s: PayState): number[] => {
  if (!s.split) return [];
  const taken = sharesTaken(s);
  return s.split.amounts.map((_, i) => i).filter((i) => !taken.has(i));
};

/** Σ held and settled. */
export const reserved = (s: PayState): number => sum(s.reservations.map((r) => r.amount));

/** What is still owed and not being paid: total − held − settled (never negative). */
export const remaining = (s: PayState): number => Math.max(0, s.bill.total - reserved(s));

/** What is owed outside the even split's untaken shares: what items and custom amounts may pay. */
export function free(s: PayState): number {
  const inShares = s.split ? sum(untakenShares(s).map((i) => s.split!.amounts[i]!)) : 0;
  return Math.max(0, remaining(s) - inShares);
}

/** The price of a request now, and what it would cover; nothing is reserved. */
export function quote(s: PayState, request: PayRequest): { ok: true; value: Quote } | PaymentFailure {
  const left = remaining(s);
  const nothingDue = () => refuse("nothing_due", "Nothing is left to pay on this bill.");
  switch (request.kind) {
    case "whole": {
      if (left === 0) return nothingDue();
      const items = itemsTaken(s);
      return ok(left, { kind: "whole", itemIds: s.bill.lines.map((l) => l.itemId).filter((id) => !items.has(id)), shares: untakenShares(s) }, s.split);
    }
    case "shares": {
      const { parts, count } = request;
      if (!isSplitParts(parts)) return refuse("invalid_split", "Split into 2 to 50 shares.");
      if (!Number.isSafeInteger(count) || count < 1 || count > parts) return refuse("invalid_split", `Pay 1 to ${parts} shares.`);
      if (left === 0) return nothingDue();
      let split = s.split;
      if (split && split.parts !== parts) return refuse("split_mismatch", `The bill is split into ${split.parts} shares.`, { parts: split.parts });
      if (!split) {
        const base = free(s);
        if (base < parts) return refuse("invalid_split", `Too little is left to split into ${parts}.`, { free: base });
        split = { parts, amounts: evenShares(base, parts) };
      }
      const taken = sharesTaken(s);
      const open = split.amounts.map((_, i) => i).filter((i) => !taken.has(i));
      if (open.length < count) return refuse("shares_taken", `Only ${open.length} of ${parts} shares are left.`, { left: open.length });
      const shares = open.slice(0, count);
      const amount = sum(shares.map((i) => split.amounts[i]!));
      if (amount === 0) return refuse("nothing_due", "These shares are worth nothing now.");
      if (amount > left) return refuse("exceeds_remaining", "Less is left to pay than these shares.", { remaining: left });
      return ok(amount, { kind: "shares", parts, shares }, split);
    }
    case "items": {
      const ids = request.itemIds;
      if (!Array.isArray(ids) || ids.length === 0 || new Set(ids).size !== ids.length) return refuse("invalid_items", "Choose each item once.");
      const found = linesFor(s.bill, ids);
      if (!found.ok) return refuse("item_not_found", "An item is not on the bill.", { itemIds: found.missing });
      const taken = itemsTaken(s);
      const clash = ids.filter((id) => taken.has(id));
      if (clash.length) return refuse("item_taken", "Someone else is paying or has paid an item.", { itemIds: clash });
      if (left === 0) return nothingDue();
      const avail = free(s);
      if (avail === 0) return refuse("split_in_progress", "What is left is in the even split: pay shares, or the whole rest.");
      const last = s.bill.lines.every((l) => taken.has(l.itemId) || ids.includes(l.itemId));
      const amount = last ? avail : Math.min(dueOf(found.lines), avail);
      if (amount === 0) return refuse("nothing_due", "These items cost nothing.");
      return ok(amount, { kind: "items", itemIds: [...ids] }, s.split);
    }
    case "amount": {
      const amount = request.amount;
      if (!isAmount(amount) || amount === 0) return refuse("invalid_amount", "Pay a positive amount in minor units.");
      if (left === 0) return nothingDue();
      const avail = free(s);
      if (avail === 0) return refuse("split_in_progress", "What is left is in the even split: pay shares, or the whole rest.");
      if (amount > avail) return refuse("exceeds_remaining", "That is more than is left to pay.", { remaining: avail });
      return ok(amount, { kind: "amount" }, s.split);
    }
  }
}

const ok = (amount: number, cover: Cover, split: EvenSplit | null) => ({ ok: true as const, value: { amount, cover, split } });

/** Reserves what a request costs for a payment about to be made. */
export function claim(s: PayState, input: ClaimInput): { ok: true; state: PayState; reservation: Reservation; amount: number } | PaymentFailure {
  if (!input.id || !input.payerId) return refuse("invalid_request", "A reservation needs the payment's and the payer's ids.");
  if (s.reservations.some((r) => r.id === input.id)) return refuse("duplicate_reservation", "This payment already has a reservation.");
  const pending = s.reservations.filter((r) => r.status === "held" && r.payerId === input.payerId).length;
  if (pending >= MAX_PENDING_PER_PAYER) return refuse("too_many_pending", "Finish or cancel your payment in progress first.");
  const q = quote(s, input.request);
  if (!q.ok) return q;
  const { amount, cover, split } = q.value;
  if (input.expected !== undefined && input.expected !== amount) return refuse("amount_changed", "The amount to pay has changed.", { amount });
  const reservation: Reservation = { id: input.id, payerId: input.payerId, cover, amount, status: "held", heldAt: input.now, expiresAt: input.expiresAt, settledAt: null };
  return { ok: true, state: { ...s, split, reservations: [...s.reservations, reservation] }, reservation, amount };
}

/**
 * Frees a held reservation (its payment failed, was cancelled or expired). Releasing one that is
 * gone already is a no-op; a settled one cannot be released (refunds do not reopen a bill part).
 */
export function release(s: PayState, id: string): { ok: true; state: PayState; released: boolean } | PaymentFailure {
  const r = s.reservations.find((x) => x.id === id);
  if (!r) return { ok: true, state: s, released: false };
  if (r.status === "settled") return refuse("illegal_transition", "A paid reservation cannot be released.");
  return { ok: true, state: normalise({ ...s, reservations: s.reservations.filter((x) => x.id !== id) }), released: true };
}

/**
 * Marks a reservation paid. Idempotent: settling a settled one changes nothing. A reservation
 * that was released meanwhile is taken back in: its items and shares if nobody else took them
 * (otherwise as a plain amount), credited up to what remains; the rest is `overpaid`.
 */
export function settle(s: PayState, reservation: Reservation, now: number): { state: PayState; changed: boolean; applied: number; overpaid: number } {
  const current = s.reservations.find((r) => r.id === reservation.id);
  if (current?.status === "settled") return { state: s, changed: false, applied: current.amount, overpaid: 0 };
  if (current) {
    const settled: Reservation = { ...current, status: "settled", settledAt: now };
    return { state: { ...s, reservations: s.reservations.map((r) => (r.id === current.id ? settled : r)) }, changed: true, applied: current.amount, overpaid: 0 };
  }
  const applied = Math.min(reservation.amount, remaining(s));
  const items = itemsTaken(s);
  const shares = sharesTaken(s);
  const c = reservation.cover;
  const wantItems = c.kind === "items" || c.kind === "whole" ? c.itemIds : [];
  const wantShares = c.kind === "shares" || c.kind === "whole" ? c.shares : [];
  const split = s.split;
  const clashes =
    wantItems.some((id) => items.has(id)) ||
    (wantShares.length > 0 &&
      (!split || (c.kind === "shares" && split.parts !== c.parts) || wantShares.some((i) => shares.has(i) || i >= split.amounts.length)));
  const cover: Cover = clashes || applied < reservation.amount ? { kind: "amount" } : c;
  const back: Reservation = { ...reservation, cover, amount: applied, status: "settled", settledAt: now };
  return { state: normalise({ ...s, reservations: [...s.reservations, back] }), changed: true, applied, overpaid: reservation.amount - applied };
}

/** The bill changed (a round sent, an item voided): reservations keep their amounts. */
export function rebill(s: PayState, bill: Bill): PayState {
  return normalise({ ...s, bill });
}

/**
 * Keeps the split consistent: it dissolves when no reservation holds a share, and when less
 * remains than its untaken shares (the bill shrank, a late payment came in), what remains is
 * split evenly again over the untaken shares.
 */
function normalise(s: PayState): PayState {
  if (!s.split) return s;
  const taken = sharesTaken(s);
  if (taken.size === 0) return { ...s, split: null };
  const open = untakenShares(s);
  const inShares = sum(open.map((i) => s.split!.amounts[i]!));
  const left = remaining(s);
  if (inShares <= left) return s;
  const amounts = [...s.split.amounts];
  const rebased = evenShares(left, open.length);
  open.forEach((i, n) => (amounts[i] = rebased[n]!));
  return { ...s, split: { ...s.split, amounts } };
}

/** Held reservations past their expiry: cancel their payments with the provider, then release. */
export const expired = (s: PayState, now: number): Reservation[] => s.reservations.filter((r) => r.status === "held" && r.expiresAt <= now);

/** A payer's payments in progress (cancel an abandoned one before they start another). */
export const heldBy = (s: PayState, payerId: string): Reservation[] => s.reservations.filter((r) => r.status === "held" && r.payerId === payerId);

export interface PayProgress {
  status: BillStatus;
  total: number;
  /** Σ settled. */
  paid: number;
  /** Σ held (payments pending). */
  pending: number;
  remaining: number;
  free: number;
  /** Paid beyond the total (the bill shrank after payment, or a late success): to refund. */
  overpaid: number;
  split: { parts: number; amounts: number[]; held: number[]; paid: number[] } | null;
  /** Item ids by state, for "paid" / "being paid" marks on the bill. */
  itemsPaid: string[];
  itemsHeld: string[];
}

/** Everything the table shows about paying this bill. */
export function progress(s: PayState): PayProgress {
  const byStatus = (status: Reservation["status"]) => s.reservations.filter((r) => r.status === status);
  const paid = sum(byStatus("settled").map((r) => r.amount));
  const shareIds = (rs: Reservation[]) => rs.flatMap((r) => (r.cover.kind === "shares" || r.cover.kind === "whole" ? r.cover.shares : [])).sort((a, b) => a - b);
  const itemIds = (rs: Reservation[]) => rs.flatMap((r) => (r.cover.kind === "items" || r.cover.kind === "whole" ? r.cover.itemIds : []));
  return {
    status: billStatus(s.bill.total, paid),
    total: s.bill.total,
    paid,
    pending: sum(byStatus("held").map((r) => r.amount)),
    remaining: remaining(s),
    free: free(s),
    overpaid: Math.max(0, paid - s.bill.total),
    split: s.split ? { parts: s.split.parts, amounts: [...s.split.amounts], held: shareIds(byStatus("held")), paid: shareIds(byStatus("settled")) } : null,
    itemsPaid: itemIds(byStatus("settled")),
    itemsHeld: itemIds(byStatus("held")),
  };
}
