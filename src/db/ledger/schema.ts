import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { RoundLine } from "../../domain/table/types";
import { json, utcMillis } from "../schema/common";

/**
 * The ledger: what was ordered, in one of the ledger databases (LEDGER_0 … LEDGER_{N-1}), the
 * one the merchant is placed in (see ./placement.ts). Merchants, stores and tables live in the
 * control plane (`DB`), so their ids here are plain columns, not foreign keys.
 *
 * Table sessions: the table Durable Object owns the live state and writes here through its
 * outbox; every row is keyed so a retried write is a no-op.
 */
export const tableSessions = sqliteTable(
  "table_sessions",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull(),
    storeId: text("store_id").notNull(),
    tableId: text("table_id").notNull(),
    currency: text("currency").notNull(),
    openedAt: utcMillis("opened_at").notNull(),
    closedAt: utcMillis("closed_at"),
    guestCount: integer("guest_count").notNull().default(0),
    /** Sum of all rounds, minor units. */
    total: integer("total").notNull().default(0),
    closeReason: text("close_reason"),
  },
  (t) => [index("table_sessions_merchant_idx").on(t.merchantId, t.storeId, t.openedAt)],
);

export type { RoundLine };

export const orderRounds = sqliteTable(
  "order_rounds",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull(),
    storeId: text("store_id").notNull(),
    sessionId: text("session_id").notNull(),
    tableId: text("table_id").notNull(),
    roundNo: integer("round_no").notNull(),
    currency: text("currency").notNull(),
    subtotal: integer("subtotal").notNull(),
    lines: json<RoundLine[]>("lines").notNull(),
    submittedAt: utcMillis("submitted_at").notNull(),
  },
  (t) => [
    uniqueIndex("order_rounds_session_round_uq").on(t.sessionId, t.roundNo),
    index("order_rounds_merchant_idx").on(t.merchantId, t.storeId, t.submittedAt),
  ],
);

export const orderItems = sqliteTable(
  "order_items",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull(),
    storeId: text("store_id").notNull(),
    roundId: text("round_id").notNull(),
    sessionId: text("session_id").notNull(),
    dishId: text("dish_id").notNull(),
    name: text("name").notNull(),
    quantity: integer("quantity").notNull(),
    lineTotal: integer("line_total").notNull(),
    status: text("status").$type<"received" | "preparing" | "ready" | "served" | "voided">().notNull(),
    voidReason: text("void_reason"),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [index("order_items_merchant_idx").on(t.merchantId, t.storeId, t.createdAt)],
);
