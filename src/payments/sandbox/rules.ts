/**
 * The sandbox wallet's protocol rules, pure: result codes, expiry, the notification retry
 * cadence, and what a cancel or refund is allowed to do (payments-protocol.md A4–A12).
 */

export type ResultStatus = "S" | "F" | "U";
export interface Result {
  resultCode: string;
  resultStatus: ResultStatus;
  resultMessage: string;
}

const result = (resultStatus: ResultStatus, resultCode: string, resultMessage: string): Result => ({ resultCode, resultStatus, resultMessage });

/** The codes this wallet answers with; messages follow Antom's wording (A12). */
export const RESULT = {
  SUCCESS: result("S", "SUCCESS", "success"),
  PAYMENT_IN_PROCESS: result("U", "PAYMENT_IN_PROCESS", "The payment is being processed."),
  INVALID_SIGNATURE: result("F", "INVALID_SIGNATURE", "The signature is invalid."),
  INVALID_CLIENT: result("F", "INVALID_CLIENT", "The client is invalid."),
  NO_INTERFACE_DEF: result("F", "NO_INTERFACE_DEF", "API is not defined."),
  KEY_NOT_FOUND: result("F", "KEY_NOT_FOUND", "The key is not found."),
  PARAM_ILLEGAL: result("F", "PARAM_ILLEGAL", "Illegal parameters exist."),
  REPEAT_REQ_INCONSISTENT: result("F", "REPEAT_REQ_INCONSISTENT", "Repeated requests are inconsistent."),
  BUSINESS_NOT_SUPPORT: result("F", "BUSINESS_NOT_SUPPORT", "The payment business is not supported."),
  ORDER_NOT_EXIST: result("F", "ORDER_NOT_EXIST", "The order does not exist."),
  ORDER_IS_CLOSED: result("F", "ORDER_IS_CLOSED", "The order is closed."),
  CANCEL_WINDOW_EXCEED: result("F", "CANCEL_WINDOW_EXCEED", "The cancel window has passed."),
  CURRENCY_NOT_SUPPORT: result("F", "CURRENCY_NOT_SUPPORT", "The currency is not supported."),
  REFUND_AMOUNT_EXCEED: result("F", "REFUND_AMOUNT_EXCEED", "The total refund amount exceeds the payment amount."),
  PROCESS_FAIL: result("F", "PROCESS_FAIL", "A general business failure occurred. Don't retry."),
  /** What a guest's "Decline" in the wallet page settles the payment with. */
  USER_DECLINED: result("F", "USER_PAYMENT_VERIFICATION_FAILED", "The user declined the payment in the sandbox wallet."),
  /** A payment nobody approved before its expiry time. */
  EXPIRED: result("F", "ORDER_IS_CLOSED", "The payment expired before the user paid."),
} as const satisfies Record<string, Result>;

export type PaymentStatus = "PROCESSING" | "SUCCESS" | "FAIL" | "CANCELLED";

/** Cashier payments fail about 14 minutes after pay (A7); order codes live under 30 minutes (A6). */
export const DEFAULT_EXPIRY_MS = 14 * 60_000;
export const ORDER_CODE_MAX_EXPIRY_MS = 30 * 60_000;

/** When an unpaid payment closes: the request's paymentExpiryTime if valid and in range, else the default. */
export function expiryOf(createdAt: number, paymentExpiryTime: string | undefined, orderCode: boolean): number {
  const requested = paymentExpiryTime ? Date.parse(paymentExpiryTime) : Number.NaN;
  const max = createdAt + (orderCode ? ORDER_CODE_MAX_EXPIRY_MS : 24 * 60 * 60_000);
  if (Number.isFinite(requested) && requested > createdAt) return Math.min(requested, max);
  return createdAt + DEFAULT_EXPIRY_MS;
}

/**
 * Delay before each delivery attempt of a notification. Antom waits 0 s, 2 min, 10 min, 10 min,
 * 1 h, 2 h, 6 h, 15 h (A10); the sandbox keeps the shape but shortens it so a developer sees a
 * retry within seconds: 0 s, 2 s, 10 s, 1 min, 5 min, 15 min, 1 h, 2 h — eight attempts.
 */
export const NOTIFY_DELAYS_MS = [0, 2_000, 10_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 2 * 60 * 60_000] as const;

/** When to try again after `attempts` failed deliveries, or null when the wallet gives up. */
export function nextAttemptAt(attempts: number, now: number): number | null {
  const delay = NOTIFY_DELAYS_MS[attempts];
  return delay === undefined ? null : now + delay;
}

/** An acknowledgement counts only with HTTP 200 and `result.resultStatus` "S" (A10). */
export function isAck(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    const parsed = JSON.parse(body) as { result?: { resultStatus?: unknown } };
    return parsed?.result?.resultStatus === "S";
  } catch {
    return false;
  }
}

/** Minor units as the protocol writes them: a string of digits, no sign, no leading zero. */
export function parseMinor(value: string): number | null {
  if (!/^(0|[1-9]\d{0,14})$/.test(value)) return null;
  return Number(value);
}

export interface PaymentFacts {
  status: PaymentStatus;
  currency: string;
  value: number;
  createdAt: number;
}

/** Cancel: closes an open payment, voids a paid one within a day unless refunded (A8). */
export function cancelDecision(p: PaymentFacts, refunded: number, now: number): { ok: true; close: boolean } | { ok: false; result: Result } {
  if (p.status === "CANCELLED" || p.status === "FAIL") return { ok: true, close: false };
  if (p.status === "PROCESSING") return { ok: true, close: true };
  if (refunded > 0) return { ok: false, result: result("F", "PROCESS_FAIL", "A refunded payment cannot be cancelled.") };
  if (now - p.createdAt > 24 * 60 * 60_000) return { ok: false, result: RESULT.CANCEL_WINDOW_EXCEED };
  return { ok: true, close: true };
}

/** Refund: only of a paid payment, in its currency, and all refunds together never above it (A9). */
export function refundDecision(p: PaymentFacts, refunded: number, amount: { currency: string; value: number }): { ok: true } | { ok: false; result: Result } {
  if (p.status !== "SUCCESS") return { ok: false, result: result("F", "PROCESS_FAIL", "Only a successful payment can be refunded.") };
  if (amount.currency !== p.currency) return { ok: false, result: RESULT.CURRENCY_NOT_SUPPORT };
  if (amount.value <= 0) return { ok: false, result: RESULT.PARAM_ILLEGAL };
  if (refunded + amount.value > p.value) return { ok: false, result: RESULT.REFUND_AMOUNT_EXCEED };
  return { ok: true };
}

/** JSON with object keys sorted, so two bodies that mean the same thing compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A request's fingerprint for idempotency: SHA-256 of its canonical JSON, hex. */
export async function fingerprint(value: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalJson(value)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
