/**
 * Our paymentRequestId names the table whose object holds the payment, so a provider's
 * notification is routed to it without a lookup: `pay.<tableId>.<random>` (at most 64 characters,
 * the protocol's limit).
 */
const PREFIX = "pay.";

export function newPaymentId(tableId: string, random: string): string {
  return `${PREFIX}${tableId}.${random}`;
}

/** The table of one of our payment ids, or null for anything else. */
export function tableOfPayment(paymentRequestId: string): string | null {
  if (!paymentRequestId.startsWith(PREFIX) || paymentRequestId.length > 64) return null;
  const rest = paymentRequestId.slice(PREFIX.length);
  const dot = rest.lastIndexOf(".");
  if (dot <= 0 || dot === rest.length - 1) return null;
  const tableId = rest.slice(0, dot);
  return /^[A-Za-z0-9_-]+$/.test(tableId) ? tableId : null;
}

/** A bill of a session: `<sessionId>.<billNo>`. */
export const billIdOf = (sessionId: string, billNo: number) => `${sessionId}.${billNo}`;
