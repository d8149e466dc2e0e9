/**
 * Everything the payment domain can refuse, one machine code each, in the shape of the table
 * domain's errors (src/domain/cart/errors.ts) so the HTTP and socket layers answer both alike.
 * Suggested statuses: invalid_* 400; *_not_found 404; everything else 409.
 */
export type PaymentErrorCode =
  // bad input (400)
  | "invalid_request" // a required id is missing
  | "invalid_amount" // not a positive integer of minor units, or over the cap
  | "invalid_split" // parts or count out of range
  | "invalid_items" // no items, repeated ids
  | "invalid_tip" // a preset the store does not offer, a custom tip over the cap, tips off
  | "invalid_settings"
  | "currency_mismatch"
  // not found (404)
  | "item_not_found" // not on the bill (or voided)
  | "reservation_not_found"
  // conflicts (409)
  | "nothing_due" // the bill is paid, or empty
  | "exceeds_remaining" // more than is still owed (or free of an even split in progress)
  | "item_taken" // another payment holds or has paid that item
  | "shares_taken" // fewer free shares than asked for
  | "split_mismatch" // the bill is already split into another number of shares
  | "split_in_progress" // everything left is in the even split's shares: pay shares or the whole rest
  | "amount_changed" // the amount differs from what the guest was shown
  | "too_many_pending" // this payer already has the maximum of pending payments
  | "duplicate_reservation" // that reservation id is already in use
  | "illegal_transition" // the payment's state does not allow this event
  | "amount_mismatch" // a provider result for another amount or currency than the payment's
  | "refund_exceeds_paid" // refunds (succeeded + in flight) would pass what was captured
  | "refund_mismatch" // a refundRequestId reused for another payment or amount
  | "not_refundable"; // the payment has not succeeded

export interface PaymentError {
  code: PaymentErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type PaymentFailure = { ok: false; error: PaymentError };

export const refuse = (code: PaymentErrorCode, message: string, details?: Record<string, unknown>): PaymentFailure => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
