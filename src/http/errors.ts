import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { DomainErrorCode } from "../domain/cart/errors";

/** The one error body every JSON endpoint answers with. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what = "Resource") => new ApiError(404, "not_found", `${what} not found.`);
export const forbidden = (message = "Your role does not allow this.") => new ApiError(403, "forbidden", message);
export const unauthorized = (message = "Sign in first.") => new ApiError(401, "unauthorized", message);
export const badRequest = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);

/**
 * A write that lost a race against a concurrent one on a unique index (D1 rolls its batch back).
 * Handlers check for clashes first; this only catches the two requests that checked at once.
 */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  }
  return false;
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return c.json(body, status);
}

/** The HTTP status of each thing the table domain can refuse (WebSocket clients get only the code). */
const STATUS: Record<DomainErrorCode, 400 | 403 | 404 | 409 | 410 | 429 | 503> = {
  unknown_dish: 400,
  unknown_option: 400,
  invalid_options: 400,
  invalid_quantity: 400,
  invalid_note: 400,
  invalid_name: 400,
  line_not_found: 404,
  item_not_found: 404,
  call_not_found: 404,
  sold_out: 409,
  dish_unavailable: 409,
  not_your_line: 409,
  cart_full: 409,
  cart_empty: 409,
  cart_locked: 409,
  invalid_transition: 409,
  table_busy: 409,
  table_full: 409,
  table_free: 409,
  too_many_calls: 409,
  prices_changed: 409,
  session_ended: 410,
  rate_limited: 429,
  wrong_join_code: 403,
  join_locked: 429,
  request_not_found: 404,
  too_many_requests: 429,
  merchant_suspended: 403,
  store_closed: 409,
  unavailable: 503,
  invalid_request: 400,
  invalid_amount: 400,
  invalid_split: 400,
  invalid_items: 400,
  invalid_tip: 400,
  invalid_settings: 400,
  currency_mismatch: 400,
  wallet_not_accepted: 400,
  reservation_not_found: 404,
  payment_not_found: 404,
  nothing_due: 409,
  exceeds_remaining: 409,
  item_taken: 409,
  shares_taken: 409,
  split_mismatch: 409,
  split_in_progress: 409,
  amount_changed: 409,
  too_many_pending: 409,
  duplicate_reservation: 409,
  illegal_transition: 409,
  amount_mismatch: 409,
  refund_exceeds_paid: 409,
  refund_mismatch: 409,
  not_refundable: 409,
};

export const errorStatus = (code: DomainErrorCode) => STATUS[code];
