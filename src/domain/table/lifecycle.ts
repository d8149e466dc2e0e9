import { fail, ok, type Result } from "../cart/errors";

/** A table session's life: free → open → bill_requested → paying → closed, then free again. */
export type SessionStatus = "open" | "bill_requested" | "paying" | "closed";
export type TableStatus = "free" | SessionStatus;

export type LifecycleEvent =
  | "open" // first scan or opened by staff
  | "request_bill"
  | "resume" // the table orders again after asking for the bill
  | "start_paying"
  | "payment_failed"
  | "close"
  | "reset"; // the closed session is archived; the table is free for the next party

const TRANSITIONS: { readonly [S in TableStatus]: Partial<Record<LifecycleEvent, TableStatus>> } = {
  free: { open: "open" },
  open: { request_bill: "bill_requested", start_paying: "paying", close: "closed", resume: "open" },
  bill_requested: { request_bill: "bill_requested", resume: "open", start_paying: "paying", close: "closed" },
  paying: { payment_failed: "bill_requested", close: "closed" },
  closed: { reset: "free" },
};

export function transition(from: TableStatus, event: LifecycleEvent): Result<TableStatus> {
  const to = TRANSITIONS[from][event];
  if (!to) return fail("invalid_transition", `A table that is ${from.replace("_", " ")} cannot ${event.replace("_", " ")}.`, { from, event });
  return ok(to);
}

/** Diners may change the cart and send rounds while the session is open or the bill was asked for. */
export const cartEditable = (status: TableStatus): status is "open" | "bill_requested" => status === "open" || status === "bill_requested";
