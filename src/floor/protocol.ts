/**
 * Messages from a store's floor object to staff boards. Staff act over HTTP (authenticated,
 * role-checked); the socket only carries the live floor. Same versioning as the table protocol:
 * a snapshot with `v` on connect, then one `table` message per version.
 */
import type { Translated } from "../db/schema/common";
import type { CallKind } from "../domain/table/calls";
import type { ItemState } from "../domain/table/items";
import type { TableStatus } from "../domain/table/lifecycle";

export interface FloorItem {
  id: string;
  roundId: string;
  roundNo: number;
  dishId: string;
  name: Translated;
  options: Translated[];
  quantity: number;
  note: string;
  state: ItemState;
  station: string;
  categoryId: string;
  submittedAt: number;
  updatedAt: number;
  dinerName: string;
}

export interface FloorCall {
  id: string;
  /** "help": a device waiting to join asked for staff; "waiter" also comes from the no-JS form at the door. */
  kind: CallKind | "help";
  note: string;
  createdAt: number;
  dinerName: string;
}

/** One table as the staff board shows it; sent whole on every change (it is small). */
export interface TableCard {
  tableId: string;
  tableName: string;
  area: string;
  seats: number;
  /** The table object's own version; older cards never replace newer ones. */
  tv: number;
  status: TableStatus;
  sessionId: string | null;
  openedAt: number | null;
  guests: number;
  rounds: { id: string; no: number; submittedAt: number; items: number }[];
  /** Items still being prepared or waiting to be served (served and voided ones drop off). */
  items: FloorItem[];
  /** Calls not yet acknowledged. */
  calls: FloorCall[];
  /** The session's join code, devices waiting to be let in, a first round waiting for staff. */
  joinCode: string | null;
  requests: { id: string; name: string; createdAt: number; help: boolean }[];
  awaitingStaff: boolean;
  paused: "merchant_suspended" | "store_closed" | null;
  /** Dishes in the shared cart, not yet sent (the table is choosing). */
  cartItems: number;
  orderedTotal: number;
  /** Paying the bill: asked for (bill call or payments pending), partly paid, paid; "none" before. */
  payment: "none" | "requested" | "partly_paid" | "paid";
  /** Σ succeeded payments towards the bill (tips excluded), and the bill's total (tax and service included), minor units. */
  paid: number;
  billTotal: number;
  currency: string;
  updatedAt: number;
}

export interface FloorView {
  storeId: string;
  tables: TableCard[];
}

export type FloorMessage =
  | { type: "snapshot"; v: number; view: FloorView; now: number }
  | { type: "table"; v: number; card: TableCard }
  | { type: "echo"; id: string; data: string; at: number }
  | { type: "error"; code: string; message: string };

export type FloorClientMessage = { type: "sync" } | { type: "echo"; id: string; data: string };

export const FLOOR_WS_LIMITS = { maxMessageBytes: 1024, burst: 20, perSecond: 5, maxSockets: 200 } as const;
