import { fail, ok, type DomainError, type Result } from "../cart/errors";
import type { CartLine } from "../cart/ops";
import type { ServiceCall } from "./calls";
import type { OrderItem } from "./items";

/**
 * Staff move a session to another table, or merge it into another table's session, as a
 * two-step handover between the two table objects, so that a crash or a failed call at any
 * point leaves the session on exactly one table:
 *  1. the source durably records "handing over to <target> (handover id)" and freezes the session;
 *  2. the target imports it, keyed by the handover id (a repeated import answers the first result);
 *  3. the source hands its diners to the target and frees itself.
 * Until step 3 the source retries step 2 (by alarm); it rolls back only when the target refused,
 * because an unanswered call may have been imported.
 */
export type HandoverMode = "move" | "merge";

export interface HandoverTarget {
  merchantId: string;
  storeId: string;
  tableId: string;
  tableName: string;
}

export interface Handover {
  id: string;
  mode: HandoverMode;
  sessionId: string;
  target: HandoverTarget;
  startedAt: number;
  attempts: number;
  /** When the source next tries step 2 (its alarm takes care of it). */
  nextAt: number;
}

export const HANDOVER_BACKOFF_MS = [1_000, 5_000, 15_000, 60_000];

/** Starts a handover, or resumes the pending one when staff ask for the same move again. */
export function beginHandover(
  pending: Handover | null,
  req: { mode: HandoverMode; target: HandoverTarget; sourceTableId: string | null; session: { id: string; status: string } | null },
  id: string,
  now: number,
): Result<{ handover: Handover; resumed: boolean }> {
  if (pending) {
    if (pending.mode === req.mode && pending.target.tableId === req.target.tableId) return ok({ handover: pending, resumed: true });
    return fail("cart_locked", "This table is already being moved.");
  }
  if (!req.session) return fail("table_free", "This table has no open session.");
  if (!req.sourceTableId || req.target.tableId === req.sourceTableId) return fail("invalid_transition", "Choose another table.");
  if (req.session.status === "paying") return fail("cart_locked", "Wait until the payment has finished.");
  return ok({ handover: { id, mode: req.mode, sessionId: req.session.id, target: req.target, startedAt: now, attempts: 0, nextAt: now }, resumed: false });
}

/** What the target answered to an import: its session, a refusal, or nothing (the call failed). */
export type ImportAnswer = { kind: "imported"; sessionId: string } | { kind: "refused"; error: DomainError } | { kind: "unanswered"; reason: string };

export type HandoverStep =
  | { step: "complete"; sessionId: string }
  | { step: "rollback"; error: DomainError }
  | { step: "retry"; handover: Handover };

export function afterImport(h: Handover, answer: ImportAnswer, now: number): HandoverStep {
  if (answer.kind === "imported") return { step: "complete", sessionId: answer.sessionId };
  if (answer.kind === "refused") return { step: "rollback", error: answer.error };
  const delay = HANDOVER_BACKOFF_MS[Math.min(h.attempts, HANDOVER_BACKOFF_MS.length - 1)]!;
  return { step: "retry", handover: { ...h, attempts: h.attempts + 1, nextAt: now + delay } };
}

export interface SessionParts<D extends { id: string }, R extends { submittedAt: number }, P extends { id: string } = { id: string }> {
  diners: D[];
  lines: CartLine[];
  rounds: R[];
  items: OrderItem[];
  calls: ServiceCall[];
  payments: P[];
}

type MergeRules = {
  [K in keyof SessionParts<{ id: string }, { submittedAt: number }>]: <P extends SessionParts<{ id: string }, { submittedAt: number }>>(
    into: P[K],
    incoming: P[K],
    seq: { next: number },
  ) => P[K];
};

/** How each part of an incoming session folds into the target's: a new part is one entry. */
const MERGE: MergeRules = {
  // Diners once each.
  diners: (into, incoming) => {
    const known = new Set(into.map((d) => d.id));
    return [...into, ...incoming.filter((d) => !known.has(d.id))];
  },
  // Cart lines after the target's, renumbered from the target's next sequence number.
  lines: (into, incoming, seq) => [...into, ...incoming.map((l) => ({ ...l, seq: seq.next++ }))],
  rounds: (into, incoming) => [...into, ...incoming].sort((a, b) => a.submittedAt - b.submittedAt),
  items: (into, incoming) => [...into, ...incoming],
  calls: (into, incoming) => [...into, ...incoming].sort((a, b) => a.createdAt - b.createdAt),
  // Only sessions with no payment under way or made are handed over: what is left are failed ones.
  payments: (into, incoming) => [...into, ...incoming],
};

/**
 * Folds an incoming session into the target's: diners once each, cart lines after the target's
 * (renumbered from `nextSeq`), rounds and calls in time order, items appended.
 */
export function mergeParts<D extends { id: string }, R extends { submittedAt: number }, P extends { id: string }>(
  into: SessionParts<D, R, P>,
  incoming: SessionParts<D, R, P>,
  nextSeq: number,
): { parts: SessionParts<D, R, P>; nextSeq: number } {
  const seq = { next: nextSeq };
  const parts = {} as SessionParts<D, R, P>;
  for (const name of Object.keys(MERGE) as (keyof MergeRules)[]) {
    (parts as unknown as Record<string, unknown>)[name] = (MERGE[name] as (a: unknown, b: unknown, s: { next: number }) => unknown)(into[name], incoming[name], seq);
  }
  return { parts, nextSeq: seq.next };
}
