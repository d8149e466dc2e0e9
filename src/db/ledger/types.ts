import type { RoundLine } from "../../domain/table/types";
import type { BillLine } from "../../domain/payments/bill";
import type { PaymentStatus } from "../../domain/payments/payment-state";
import type { Cover } from "../../domain/payments/reservations";

/** What a table object's outbox holds until D1 has it. */
export type OutboxKind = "round" | "session_closed" | "payment" | "bill";

export interface OutboxEntry {
  seq: number;
  kind: OutboxKind;
  /** Unique per fact (`round:<id>`, `session:<id>`): enqueueing twice keeps one entry. */
  key: string;
  payload: RoundRecordPayload | SessionClosedPayload | PaymentRecordPayload | BillRecordPayload;
  attempts: number;
  nextAt: number;
  lastError: string | null;
}

interface SessionKey {
  merchantId: string;
  storeId: string;
  tableId: string;
  sessionId: string;
  currency: string;
  openedAt: number;
}

export interface LedgerItem {
  id: string;
  roundId: string;
  dishId: string;
  name: string;
  quantity: number;
  lineTotal: number;
  status: "received" | "preparing" | "ready" | "served" | "voided";
  voidReason: string | null;
  createdAt: number;
}

export interface RoundRecordPayload extends SessionKey {
  round: { id: string; no: number; submittedAt: number; subtotal: number; lines: RoundLine[] };
  items: LedgerItem[];
}

export interface SessionClosedPayload extends SessionKey {
  closedAt: number;
  guestCount: number;
  /** Every item not voided, minor units. */
  total: number;
  reason: string;
  /** Final states of the session's items (voids matter for reports). */
  items: LedgerItem[];
}

/** A payment as the table object knows it, written (upserted) at every change of its state. */
export interface PaymentRecordPayload extends SessionKey {
  billId: string;
  id: string;
  providerPaymentId: string | null;
  methodType: string;
  productCode: "CASHIER_PAYMENT" | "IN_STORE_PAYMENT";
  payerId: string | null;
  amount: number;
  tip: number;
  state: PaymentStatus;
  failureCode: string | null;
  covers: Cover;
  createdAt: number;
  updatedAt: number;
  settledAt: number | null;
  expiresAt: number;
}

/** The bill, written when its first payment starts and at every change of what is paid. */
export interface BillRecordPayload extends SessionKey {
  billId: string;
  billNo: number;
  taxMode: "inclusive" | "added";
  taxRateBp: number;
  serviceBp: number;
  subtotal: number;
  service: number;
  tax: number;
  total: number;
  paid: number;
  tips: number;
  status: "open" | "partly_paid" | "paid";
  lines: BillLine[];
  updatedAt: number;
  closedAt: number | null;
}
