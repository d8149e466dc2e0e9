import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { orderItems, orderRounds, tableSessions } from "../schema/orders";
import type { LedgerItem, OutboxEntry, RoundRecordPayload, SessionClosedPayload } from "./types";

/** D1 binds at most 100 parameters per statement; order_items has 12 columns. */
const ITEMS_PER_INSERT = 8;

/**
 * The D1 writes a table object's outbox performs. Each is one `db.batch()` (all or nothing) and
 * keyed by ids chosen in the object, so a retry after a failure, or after a success whose answer
 * was lost, changes nothing: a round lands exactly once.
 */
export async function writeOutboxEntry(db: Db, entry: OutboxEntry): Promise<void> {
  if (entry.kind === "round") return writeRound(db, entry.payload as RoundRecordPayload);
  return writeSessionClosed(db, entry.payload as SessionClosedPayload);
}

export async function writeRound(db: Db, p: RoundRecordPayload): Promise<void> {
  await db.batch([
    db
      .insert(tableSessions)
      .values({ id: p.sessionId, merchantId: p.merchantId, storeId: p.storeId, tableId: p.tableId, currency: p.currency, openedAt: p.openedAt })
      .onConflictDoNothing(),
    db
      .insert(orderRounds)
      .values({
        id: p.round.id,
        merchantId: p.merchantId,
        storeId: p.storeId,
        sessionId: p.sessionId,
        tableId: p.tableId,
        roundNo: p.round.no,
        currency: p.currency,
        subtotal: p.round.subtotal,
        lines: p.round.lines,
        submittedAt: p.round.submittedAt,
      })
      .onConflictDoNothing(),
    ...chunk(p.items, ITEMS_PER_INSERT).map((items) => db.insert(orderItems).values(items.map((i) => itemRow(p, i))).onConflictDoNothing()),
  ]);
}

export async function writeSessionClosed(db: Db, p: SessionClosedPayload): Promise<void> {
  await db.batch([
    db
      .insert(tableSessions)
      .values({
        id: p.sessionId,
        merchantId: p.merchantId,
        storeId: p.storeId,
        tableId: p.tableId,
        currency: p.currency,
        openedAt: p.openedAt,
        closedAt: p.closedAt,
        guestCount: p.guestCount,
        total: p.total,
        closeReason: p.reason,
      })
      .onConflictDoUpdate({
        target: tableSessions.id,
        set: { tableId: p.tableId, closedAt: p.closedAt, guestCount: p.guestCount, total: p.total, closeReason: p.reason },
      }),
    ...chunk(p.items, ITEMS_PER_INSERT).map((items) =>
      db
        .insert(orderItems)
        .values(items.map((i) => itemRow(p, i)))
        .onConflictDoUpdate({ target: orderItems.id, set: { status: sql`excluded.status`, voidReason: sql`excluded.void_reason` } }),
    ),
  ] as unknown as Parameters<Db["batch"]>[0]);
}

function itemRow(p: { merchantId: string; storeId: string; sessionId: string }, i: LedgerItem) {
  return {
    id: i.id,
    merchantId: p.merchantId,
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
