/**
 * What a command module may use of the table object: its state and storage, and the effects a
 * change has (events to the diners, the card to the floor). Built once by TableSession.
 */
import { fail, type DomainError, type Failure } from "../../domain/cart/errors";
import type { TableEvent } from "../protocol";
import type { DoorCall, LiveState, TableStore } from "../store";

/** Every RPC answers a value, never throws for a refusal; `v` is the state version after it. */
export type Reply<T extends object = object> = ({ ok: true; v: number } & T) | { ok: false; error: DomainError };

export interface TableContext {
  readonly state: LiveState;
  readonly store: TableStore;
  /** A move or merge this table started is under way: the session is frozen. */
  readonly moving: boolean;
  /** Bumps the version and sends the event to every socket of the session. */
  emit(event: TableEvent): void;
  pushFloor(): void;
  saveSession(): void;
  dropDoorCalls(which: (c: DoorCall) => boolean): void;
  /** Tells the diners who may join and whether the table may order (an `access` event). */
  emitAccess(): void;
}

/** A change the board must see without an event to the diners: the version still counts up. */
export function bumpVersion(t: Pick<TableContext, "state" | "store">): void {
  t.state.version++;
  t.store.setKv("version", t.state.version);
}

/** The one guard of a frozen session: guests are told staff are moving it, staff that it is being moved. */
export function refuseWhileMoving(t: Pick<TableContext, "moving">, who: "guest" | "staff"): Failure | null {
  if (!t.moving) return null;
  return err(fail("cart_locked", who === "guest" ? "Staff are moving this table; try again in a moment." : "This table is being moved; try again in a moment."));
}

/** A refusal as an RPC reply (no value). */
export const err = (r: Failure): Failure => ({ ok: false, error: r.error });
