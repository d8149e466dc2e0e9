import { fail, ok, type Result } from "../cart/errors";
import { normalizeNote } from "../cart/ops";

export const CALL_KINDS = ["waiter", "bill", "water", "note"] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** A guest's request to the floor staff; acknowledged once a waiter has seen it. */
export interface ServiceCall {
  id: string;
  kind: CallKind;
  note: string;
  dinerId: string;
  createdAt: number;
  ack: { at: number; by: string } | null;
}

export const MAX_OPEN_CALLS = 10;

/**
 * A new call, or the same diner's open call of the same kind again (pressing "call waiter" twice
 * does not page twice). A custom note needs text.
 */
export function placeCall(
  open: readonly ServiceCall[],
  input: { kind: CallKind; note: string },
  dinerId: string,
  id: string,
  now: number,
): Result<{ call: ServiceCall; created: boolean }> {
  const note = normalizeNote(input.note);
  if (!note.ok) return note;
  if (input.kind === "note" && !note.value) return fail("invalid_note", "Write what you need.");
  const pending = open.filter((c) => !c.ack);
  const same = pending.find((c) => c.dinerId === dinerId && c.kind === input.kind && (input.kind !== "note" || c.note === note.value));
  if (same) return ok({ call: same, created: false });
  if (pending.length >= MAX_OPEN_CALLS) return fail("too_many_calls", "The staff have not answered the earlier calls yet; please wait a moment.");
  return ok({ call: { id, kind: input.kind, note: note.value, dinerId, createdAt: now, ack: null }, created: true });
}

export function acknowledgeCall(call: ServiceCall, by: string, now: number): ServiceCall {
  return call.ack ? call : { ...call, ack: { at: now, by } };
}
