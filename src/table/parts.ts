/**
 * The parts of a table session, declared once: each is a list in memory and a table in the
 * object's SQLite storage (id, session_id, one ordering column, data). Loading, persisting,
 * deleting and handing a session over all go through this list, so a new part (payments) is one
 * entry here, its table in store.ts's MIGRATIONS and its merge rule in domain/table/handover.ts.
 */
import type { CartLine } from "../domain/cart/ops";
import type { ServiceCall } from "../domain/table/calls";
import type { OrderItem } from "../domain/table/items";
import type { PaymentState } from "../domain/payments/payment-state";
import type { Cover } from "../domain/payments/reservations";
import type { WalletType } from "../domain/payments/wallets";

export interface Diner {
  id: string;
  name: string;
  staff: boolean;
  joinedAt: number;
}

export interface RoundRecord {
  id: string;
  no: number;
  submittedAt: number;
  submittedBy: string;
  subtotal: number;
}

/** A payment made at the table: the domain's payment state plus what the table and the ledger need. */
export interface TablePayment {
  /** Our paymentRequestId (src/domain/payments/ids.ts). */
  id: string;
  billId: string;
  /** The diner paying, or "staff" for the printed bill's code. */
  payerId: string;
  currency: string;
  amount: number;
  tip: number;
  wallet: WalletType;
  productCode: "CASHIER_PAYMENT" | "IN_STORE_PAYMENT";
  cover: Cover;
  state: PaymentState;
  createdAt: number;
  expiresAt: number;
  /** The wallet's page (cashier payments) or the order code (the printed bill), once the provider answered. */
  redirectUrl: string | null;
  codeValue: string | null;
  /** `<payer>:<requestId>` of the request that started it: a retried request answers this payment again. */
  requestKey?: string;
}

/** What a session holds besides its record, part by part. */
export interface SessionParts {
  diners: Diner[];
  lines: CartLine[];
  rounds: RoundRecord[];
  items: OrderItem[];
  calls: ServiceCall[];
  payments: TablePayment[];
}

export type PartName = keyof SessionParts;
export type PartRow<K extends PartName> = SessionParts[K][number];

interface PartTable<K extends PartName> {
  table: string;
  /** The extra column rows are ordered by, and its value for a row (at position `pos` in the list). */
  column: string | null;
  valueOf: (row: PartRow<K>, pos: number) => number | null;
  /** ORDER BY when loading. */
  order: string;
}

export const PARTS: { [K in PartName]: PartTable<K> } = {
  diners: { table: "diners", column: null, valueOf: () => null, order: "rowid" },
  lines: { table: "lines", column: "seq", valueOf: (l) => l.seq, order: "seq" },
  rounds: { table: "rounds", column: "submitted_at", valueOf: (r) => r.submittedAt, order: "submitted_at, rowid" },
  items: { table: "items", column: "pos", valueOf: (_i, pos) => pos, order: "pos" },
  calls: { table: "calls", column: "created_at", valueOf: (c) => c.createdAt, order: "created_at, rowid" },
  payments: { table: "payments", column: "created_at", valueOf: (p) => p.createdAt, order: "created_at, rowid" },
};

export const PART_NAMES = Object.keys(PARTS) as PartName[];

export function emptyParts(): SessionParts {
  return { diners: [], lines: [], rounds: [], items: [], calls: [], payments: [] };
}

/** The parts of a state, each list copied (what a handover sends, or takes in). */
export function copyParts(from: SessionParts): SessionParts {
  const out = emptyParts();
  for (const name of PART_NAMES) (out[name] as unknown[]) = [...from[name]];
  return out;
}
