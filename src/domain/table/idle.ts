/** When an idle table session closes by itself. */

/** A session nobody ordered in closes after this long without activity… */
export const EMPTY_IDLE_MS = 45 * 60_000;
/** …and one with rounds (an unpaid bill, presumably) after this long. */
export const IDLE_MS = 6 * 3600_000;

/** When the session expires unless something happens: long with an unpaid order, short without. */
export function idleDeadline(lastActivityAt: number, hasRounds: boolean): number {
  return lastActivityAt + (hasRounds ? IDLE_MS : EMPTY_IDLE_MS);
}
