/** What every table command answers, and the one guard of a frozen session. */
import { fail, type DomainError, type Failure } from "../../domain/cart/errors";

/** Every RPC answers a value, never throws for a refusal; `v` is the state version after it. */
export type Reply<T extends object = object> = ({ ok: true; v: number } & T) | { ok: false; error: DomainError };

/** The one guard of a frozen session: guests are told staff are moving it, staff that it is being moved. */
export function refuseWhileMoving(t: { readonly moving: boolean }, who: "guest" | "staff"): Failure | null {
  if (!t.moving) return null;
  return err(fail("cart_locked", who === "guest" ? "Staff are moving this table; try again in a moment." : "This table is being moved; try again in a moment."));
}

/** A refusal as an RPC reply (no value). */
export const err = (r: Failure): Failure => ({ ok: false, error: r.error });
