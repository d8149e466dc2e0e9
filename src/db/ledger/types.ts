import type { RoundLine } from "../../domain/table/types";

/** What a table object's outbox holds until D1 has it. */
export type OutboxKind = "round" | "session_closed";

export interface OutboxEntry {
  seq: number;
  kind: OutboxKind;
  /** Unique per fact (`round:<id>`, `session:<id>`): enqueueing twice keeps one entry. */
  key: string;
  payload: RoundRecordPayload | SessionClosedPayload;
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
