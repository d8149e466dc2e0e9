/**
 * Everything the table domain can refuse, with one machine code each. The HTTP layer maps a code
 * to a status (`errorStatus` in src/http/errors.ts); WebSocket clients get the same code and message.
 */
import type { PaymentErrorCode } from "../payments/errors";

export type DomainErrorCode =
  // bad input (400)
  | "unknown_dish"
  | "unknown_option"
  | "invalid_options"
  | "invalid_quantity"
  | "invalid_note"
  | "invalid_name"
  // not found (404)
  | "line_not_found"
  | "item_not_found"
  | "call_not_found"
  // state conflicts (409)
  | "sold_out"
  | "dish_unavailable"
  | "not_your_line"
  | "cart_full"
  | "cart_empty"
  | "cart_locked"
  | "invalid_transition"
  | "table_busy"
  | "table_full"
  | "table_free"
  | "too_many_calls"
  | "prices_changed" // the cart's prices (or lines) differ from what the sending diner's page showed
  // the session this token belongs to is over (410)
  | "session_ended"
  // too many requests from one diner (429)
  | "rate_limited"
  // admission to a table's session (src/domain/table/admission.ts)
  | "wrong_join_code" // 403
  | "join_locked" // 429: too many wrong codes
  | "request_not_found" // 404
  | "too_many_requests" // 429: joins or join requests from one table or address
  // ordering is paused: the merchant is suspended (403) or the store closed (409)
  | "merchant_suspended"
  | "store_closed"
  // the menu could not be read and no copy is at hand (503)
  | "unavailable"
  // paying the bill (src/domain/payments/errors.ts), and at the table: a wallet the store does not take (400), no such payment (404)
  | PaymentErrorCode
  | "wallet_not_accepted"
  | "payment_not_found";

export interface DomainError {
  code: DomainErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type Failure = { ok: false; error: DomainError };
export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: DomainErrorCode, message: string, details?: Record<string, unknown>): Failure => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
