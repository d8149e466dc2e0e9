/**
 * The table-session protocol: every message between a diner's device and the table's Durable
 * Object. The object (src/table/table-session.ts) and the guest island (web/guest/live) both
 * import these types, so a change here is checked on both sides.
 *
 * On connect the object sends a `snapshot` with a version `v`; every later `event` carries the
 * next version. A client that sees a gap sends `sync` and gets a fresh snapshot.
 */
import type { Translated } from "../db/schema/common";
import type { CartOp } from "../domain/cart/ops";
import type { CallKind } from "../domain/table/calls";
import type { ItemState } from "../domain/table/items";
import type { TableStatus } from "../domain/table/lifecycle";
import { lineConfirmers, stillToConfirm } from "../domain/table/confirm";
import type { ShownCart } from "../domain/cart/shown";
import type { GuestMenuState } from "../domain/cart/menu-state";
import type { PayProgress, PayRequest, PayState } from "../domain/payments/reservations";
import type { PaymentStatus } from "../domain/payments/payment-state";
import type { PayTiming } from "../domain/payments/settings";
import type { TipChoice } from "../domain/payments/tip";
import type { WalletType } from "../domain/payments/wallets";

export type { GuestMenuState, ShownCart };

export type { CartOp, CallKind, ItemState, TableStatus, Translated };
export type { PayProgress, PayRequest, PayState, PaymentStatus, PayTiming, TipChoice, WalletType };

/** Limits the object enforces on every WebSocket. */
export const WS_LIMITS = {
  /** Bigger messages close the socket with 1009. */
  maxMessageBytes: 4096,
  /** Token bucket per socket: burst, then a steady rate; beyond it the socket closes with 1008. */
  burst: 40,
  perSecond: 20,
  maxSocketsPerTable: 200,
  /** Sockets one diner may hold (tabs, phones sharing a link); one more closes the oldest with CLOSE.replaced. */
  maxSocketsPerDiner: 3,
} as const;

/** Close codes the object uses (values in src/live/close-codes.ts, shared with the floor). */
export { CLOSE } from "../live/close-codes";

/** Why a seated session may not order right now (it resumes unchanged when this clears). */
export type PausedReason = "merchant_suspended" | "store_closed";

/** A device waiting to be let in, as the seated party and staff see it. */
export interface JoinRequestView {
  id: string;
  name: string;
  createdAt: number;
  expiresAt: number;
  /** The waiting guest asked the staff for help. */
  help: boolean;
}

/** Who may join, and whether the table may order now. */
export interface AccessView {
  /** The session's short code a newcomer may type to join (seated diners and staff see it). */
  joinCode: string | null;
  /** Devices asking to join, not yet answered. */
  requests: JoinRequestView[];
  /** The first round waits for a staff member to confirm it (store setting). */
  awaitingStaff: boolean;
  paused: PausedReason | null;
}

export interface DinerView {
  id: string;
  name: string;
  staff: boolean;
  online: boolean;
}

export interface OptionView {
  id: string;
  name: Translated;
  priceDelta: number;
}

export interface LineView {
  id: string;
  dinerId: string;
  addedBy: string;
  dishId: string;
  name: Translated;
  options: OptionView[];
  quantity: number;
  note: string;
  /** Computed by the object from the menu; anything a client says about price is ignored. */
  unitPrice: number;
  lineTotal: number;
  /** Set when the line cannot be sent as it is. */
  problem: "sold_out" | "unavailable" | "off_menu" | null;
  /** The unit price its diner saw when they last added or changed it, when the menu changed it since. */
  priceWas: number | null;
}

export interface ItemView {
  id: string;
  roundId: string;
  dishId: string;
  name: Translated;
  options: OptionView[];
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  note: string;
  dinerId: string;
  state: ItemState;
  voidReason: string | null;
  station: string;
  categoryId: string;
  updatedAt: number;
}

export interface RoundView {
  id: string;
  no: number;
  submittedAt: number;
  submittedBy: string;
  subtotal: number;
  items: ItemView[];
}

export interface CallView {
  id: string;
  kind: CallKind;
  note: string;
  dinerId: string;
  createdAt: number;
  ackedAt: number | null;
}

/** One payment at the table, as the party sees it. */
export interface PaymentView {
  /** Our paymentRequestId. */
  id: string;
  /** The diner paying, or "staff" for the printed bill's code. */
  payerId: string;
  payerName: string;
  /** The bill part paid, and the tip on top (minor units). */
  amount: number;
  tip: number;
  currency: string;
  status: PaymentStatus;
  wallet: WalletType | null;
  cover: PayRequest["kind"];
  createdAt: number;
  settledAt: number | null;
  /** Why it failed or was cancelled, in the provider's words (shown to the payer). */
  reason: string | null;
}

/**
 * The bill of the session and who is paying what. `state` is the domain's PayState, so the pay
 * sheet prices a choice with the same functions the object claims it with (`quote`, `tipFor`).
 */
export interface BillView {
  state: PayState;
  progress: PayProgress;
  payments: PaymentView[];
  tips: { presetsBp: number[]; custom: boolean; maxBp: number };
  wallets: WalletType[];
  timing: PayTiming;
}

/** Everything a diner at the table may see of the current session (never an earlier one). */
export interface TableView {
  tableId: string;
  tableName: string;
  status: TableStatus;
  sessionId: string | null;
  openedAt: number | null;
  currency: string;
  menuVersion: number;
  requireAllConfirm: boolean;
  /** Diners who confirmed the cart as it is (only when every diner must confirm). */
  confirmed: string[];
  access: AccessView;
  diners: DinerView[];
  lines: LineView[];
  rounds: RoundView[];
  calls: CallView[];
  /** Null until something was sent to the kitchen. */
  bill: BillView | null;
}

export type TableEvent =
  | { type: "diner"; diner: DinerView }
  | { type: "line"; line: LineView }
  | { type: "line_removed"; lineId: string }
  | { type: "round"; round: RoundView; removedLineIds: string[] }
  | { type: "item"; item: ItemView }
  | { type: "call"; call: CallView }
  | { type: "status"; status: TableStatus }
  | { type: "confirmed"; dinerIds: string[] }
  | { type: "access"; access: AccessView }
  | { type: "bill"; bill: BillView | null };

export type ServerMessage =
  | { type: "snapshot"; v: number; you: string; view: TableView }
  | { type: "event"; v: number; event: TableEvent }
  /** The request `id` was applied; the state is now at version `v`. */
  | { type: "ack"; id: string; v: number }
  | { type: "error"; id: string | null; code: string; message: string; details?: unknown }
  | { type: "echo"; id: string; data: string; at: number }
  /** Dish prices and availability now: on connect and on every menu change (not versioned). */
  | { type: "menu"; menu: GuestMenuState }
  /** The session is over (closed) or lives on another table now (moved: reconnect with `token`). */
  /** The session is over: closed by staff or idle, moved to another table, or its bill paid (`billId` for the receipt). */
  | { type: "ended"; reason: "closed" | "moved" | "paid"; token?: string; tableId?: string; billId?: string };

export type ClientMessage =
  | { type: "op"; id: string; op: CartOp }
  /** `shown`: what the page showed when Send was pressed; the round is refused if prices differ. */
  | { type: "submit"; id: string; shown?: ShownCart }
  | { type: "call"; id: string; kind: CallKind; note?: string }
  | { type: "rename"; id: string; name: string }
  /** A seated diner lets a waiting device in, or not. */
  | { type: "admit"; id: string; requestId: string }
  | { type: "decline"; id: string; requestId: string }
  | { type: "sync" }
  /** Round trip through the object without touching state (health checks, benchmarks). */
  | { type: "echo"; id: string; data: string };

/** Sum of the cart lines, minor units. */
export const cartTotal = (view: Pick<TableView, "lines">) => view.lines.reduce((sum, l) => sum + l.lineTotal, 0);

/** Sum of every item sent to the kitchen and not voided, minor units. */
export const orderedTotal = (view: Pick<TableView, "rounds">) =>
  view.rounds.reduce((sum, r) => sum + r.items.reduce((s, i) => (i.state === "voided" ? s : s + i.lineTotal), 0), 0);

/** Diners the round still waits for, when every diner must confirm (the object's own rule). */
export const waitingFor = (view: Pick<TableView, "lines" | "diners" | "confirmed">) =>
  stillToConfirm(
    lineConfirmers(view.lines, (id) => view.diners.some((d) => d.id === id && d.staff)),
    view.diners.filter((d) => d.online && !d.staff).map((d) => d.id),
    view.confirmed,
  );

/**
 * Applies one event to a view. The object's snapshot after an event equals this function applied
 * to the snapshot before it (tested), so clients stay in step without whole-state pushes.
 */
export function applyEvent(view: TableView, event: TableEvent): TableView {
  switch (event.type) {
    case "diner":
      return { ...view, diners: upsert(view.diners, event.diner) };
    case "line":
      return { ...view, lines: upsert(view.lines, event.line), confirmed: [] };
    case "line_removed":
      return { ...view, lines: view.lines.filter((l) => l.id !== event.lineId), confirmed: [] };
    case "round": {
      const gone = new Set(event.removedLineIds);
      return { ...view, rounds: upsert(view.rounds, event.round), lines: view.lines.filter((l) => !gone.has(l.id)), confirmed: [] };
    }
    case "item":
      return {
        ...view,
        rounds: view.rounds.map((r) => (r.id === event.item.roundId ? { ...r, items: upsert(r.items, event.item) } : r)),
      };
    case "call":
      return { ...view, calls: upsert(view.calls, event.call) };
    case "status":
      return { ...view, status: event.status };
    case "confirmed":
      return { ...view, confirmed: event.dinerIds };
    case "access":
      return { ...view, access: event.access };
    case "bill":
      return { ...view, bill: event.bill };
  }
}

function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [...list, item];
  const copy = list.slice();
  copy[i] = item;
  return copy;
}
