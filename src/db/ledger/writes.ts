import { sql } from "drizzle-orm";
import { orderItems, orderRounds, tableSessions } from "./schema";
import type { LedgerScope } from "./scope";
import { writeBill, writePayment } from "./payment-writes";
import type { BillRecordPayload, LedgerItem, OutboxEntry, PaymentRecordPayload, RoundRecordPayload, SessionClosedPayload } from "./types";

/** D1 binds at most 100 parameters per statement; order_items has 12 columns. */
const ITEMS_PER_INSERT = 8;

/**
 * The ledger writes a table object's outbox performs, into the merchant's own ledger database
 * (`scope.ledger()`). Each is one batch (all or nothing) and keyed by ids chosen in the object,
 * so a retry after a failure, or after a success whose answer was lost, changes nothing: a round
 * lands exactly once.
 */
export async function writeOutboxEntry(ledger: LedgerScope, entry: OutboxEntry): Promise<void> {
  if (entry.payload.merchantId !== ledger.merchantId) throw new Error(`outbox entry ${entry.key} is not for merchant ${ledger.merchantId}`);
  if (entry.kind === "round") return writeRound(ledger, entry.payload as RoundRecordPayload);
  if (entry.kind === "payment") return writePayment(ledger, entry.payload as PaymentRecordPayload);
  if (entry.kind === "bill") return writeBill(ledger, entry.payload as BillRecordPayload);
  return writeSessionClosed(ledger, entry.payload as SessionClosedPayload);
}

export async function writeRound(ledger: LedgerScope, p: RoundRecordPayload): Promise<void> {
  await ledger.batch([
    ledger
      .insert(tableSessions, [{ id: p.sessionId, storeId: p.storeId, tableId: p.tableId, currency: p.currency, openedAt: p.openedAt }])
      .onConflictDoNothing(),
    ledger
      .insert(orderRounds, [
        {
          id: p.round.id,
          storeId: p.storeId,
          sessionId: p.sessionId,
          tableId: p.tableId,
          roundNo: p.round.no,
          currency: p.currency,
          subtotal: p.round.subtotal,
          lines: p.round.lines,
          submittedAt: p.round.submittedAt,
        },
      ])
      .onConflictDoNothing(),
    ...chunk(p.items, ITEMS_PER_INSERT).map((items) => ledger.insert(orderItems, items.map((i) => itemRow(p, i))).onConflictDoNothing()),
  ]);
}

export async function writeSessionClosed(ledger: LedgerScope, p: SessionClosedPayload): Promise<void> {
  await ledger.batch([
    ledger
      .insert(tableSessions, [
        {
          id: p.sessionId,
          storeId: p.storeId,
          tableId: p.tableId,
          currency: p.currency,
          openedAt: p.openedAt,
          closedAt: p.closedAt,
          guestCount: p.guestCount,
          total: p.total,
          closeReason: p.reason,
        },
      ])
      .onConflictDoUpdate({
        target: tableSessions.id,
        set: { tableId: p.tableId, closedAt: p.closedAt, guestCount: p.guestCount, total: p.total, closeReason: p.reason },
      }),
    ...chunk(p.items, ITEMS_PER_INSERT).map((items) =>
      ledger
        .insert(orderItems, items.map((i) => itemRow(p, i)))
        .onConflictDoUpdate({ target: orderItems.id, set: { status: sql`excluded.status`, voidReason: sql`excluded.void_reason` } }),
    ),
  ]);
}

function itemRow(p: { storeId: string; sessionId: string }, i: LedgerItem) {
  return {
    id: i.id,
    storeId: p.storeId,
    roundId: i.roundId,
    sessionId: p.sessionId,
    dishId: i.dishId,
    name: i.name,
    quantity: i.quantity,
    lineTotal: i.lineTotal,
    status: i.status,
    voidReason: i.voidReason,
    createdAt: i.createdAt,
  };
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
