import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { RoundLine } from "../../domain/table/types";
import type { BillLine } from "../../domain/payments/bill";
import type { Cover } from "../../domain/payments/reservations";
import type { PaymentStatus } from "../../domain/payments/payment-state";
import type { RefundState } from "../../domain/payments/refunds";
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

/**
 * Payments (issue 10). Amounts are integer minor units of `currency`; times UTC ms. Rows are keyed
 * by ids chosen before any provider call (paymentRequestId, refundRequestId), so an outbox retry
 * writes nothing twice. The invariant for a closed bill (src/domain/payments/bill-state.ts):
 * Σ (amount + tip) of succeeded payments = bills.total + bills.tips; refunds are their own rows.
 */
export const bills = sqliteTable(
  "bills",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull(),
    storeId: text("store_id").notNull(),
    sessionId: text("session_id").notNull(),
    tableId: text("table_id").notNull(),
    /** 1 for the bill of the meal; 1, 2, … when the store asks to pay after each round. */
    billNo: integer("bill_no").notNull().default(1),
    currency: text("currency").notNull(),
    taxMode: text("tax_mode").$type<"inclusive" | "added">().notNull(),
    taxRateBp: integer("tax_rate_bp").notNull(),
    serviceBp: integer("service_bp").notNull(),
    subtotal: integer("subtotal").notNull(),
    service: integer("service").notNull(),
    tax: integer("tax").notNull(),
    total: integer("total").notNull(),
    /** Σ bill parts of succeeded payments. */
    paid: integer("paid").notNull().default(0),
    /** Σ tips of succeeded payments. */
    tips: integer("tips").notNull().default(0),
    /** Σ succeeded refunds of its payments. */
    refunded: integer("refunded").notNull().default(0),
    status: text("status").$type<"open" | "partly_paid" | "paid">().notNull(),
    lines: json<BillLine[]>("lines").notNull(),
    openedAt: utcMillis("opened_at").notNull(),
    updatedAt: utcMillis("updated_at").notNull(),
    closedAt: utcMillis("closed_at"),
  },
  (t) => [
    uniqueIndex("bills_session_no_uq").on(t.sessionId, t.billNo),
    index("bills_merchant_idx").on(t.merchantId, t.storeId, t.openedAt),
    check("bills_amounts_ck", sql`${t.subtotal} >= 0 AND ${t.service} >= 0 AND ${t.tax} >= 0 AND ${t.total} >= 0 AND ${t.paid} >= 0 AND ${t.tips} >= 0 AND ${t.refunded} >= 0`),
  ],
);

export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull(),
    storeId: text("store_id").notNull(),
    billId: text("bill_id").notNull(),
    sessionId: text("session_id").notNull(),
    tableId: text("table_id").notNull(),
    /** Our idempotency key at the provider. */
    paymentRequestId: text("payment_request_id").notNull(),
    /** `antom` (or the sandbox wallet, which speaks its protocol). */
    provider: text("provider").notNull(),
    /** The provider's paymentId, once it answered. */
    providerPaymentId: text("provider_payment_id"),
    /** `paymentMethodType`: CONNECT_WALLET, ALIPAY_CN, … */
    methodType: text("method_type").notNull(),
    /** CASHIER_PAYMENT from the table page, IN_STORE_PAYMENT for the printed bill's order code. */
    productCode: text("product_code").$type<"CASHIER_PAYMENT" | "IN_STORE_PAYMENT">().notNull(),
    /** The diner paying (null for the printed bill's code). */
    payerId: text("payer_id"),
    /** The bill part. */
    amount: integer("amount").notNull(),
    tip: integer("tip").notNull().default(0),
    /** amount + tip: what the wallet charges and every provider result must match. */
    charged: integer("charged").notNull(),
    currency: text("currency").notNull(),
    state: text("state").$type<PaymentStatus>().notNull(),
    /** Why it failed or was cancelled (provider resultCode, `expired`, …). */
    failureCode: text("failure_code"),
    /** What the payment pays for: the reservation's cover (whole, shares, items, amount). */
    covers: json<Cover>("covers").notNull(),
    /** Σ succeeded refunds. */
    refunded: integer("refunded").notNull().default(0),
    createdAt: utcMillis("created_at").notNull(),
    updatedAt: utcMillis("updated_at").notNull(),
    settledAt: utcMillis("settled_at"),
    expiresAt: utcMillis("expires_at").notNull(),
  },
  (t) => [
    uniqueIndex("payments_request_uq").on(t.paymentRequestId),
    uniqueIndex("payments_provider_uq").on(t.provider, t.providerPaymentId),
    index("payments_store_day_idx").on(t.merchantId, t.storeId, t.createdAt),
    index("payments_bill_idx").on(t.billId),
    /** The scheduled job: payments still pending past their expiry. */
    index("payments_state_idx").on(t.state, t.expiresAt),
    check("payments_amounts_ck", sql`${t.amount} >= 0 AND ${t.tip} >= 0 AND ${t.charged} = ${t.amount} + ${t.tip} AND ${t.refunded} >= 0 AND ${t.refunded} <= ${t.charged}`),
  ],
);

export const refunds = sqliteTable(
  "refunds",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull(),
    storeId: text("store_id").notNull(),
    paymentId: text("payment_id").notNull(),
    billId: text("bill_id").notNull(),
    /** Our idempotency key at the provider. */
    refundRequestId: text("refund_request_id").notNull(),
    providerRefundId: text("provider_refund_id"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    state: text("state").$type<RefundState["status"]>().notNull(),
    failureCode: text("failure_code"),
    reason: text("reason").notNull().default(""),
    /** The staff user who asked for it (audited too). */
    actor: text("actor").notNull(),
    createdAt: utcMillis("created_at").notNull(),
    updatedAt: utcMillis("updated_at").notNull(),
    settledAt: utcMillis("settled_at"),
  },
  (t) => [
    uniqueIndex("refunds_request_uq").on(t.refundRequestId),
    index("refunds_store_day_idx").on(t.merchantId, t.storeId, t.createdAt),
    index("refunds_payment_idx").on(t.paymentId),
    check("refunds_amount_ck", sql`${t.amount} > 0`),
  ],
);

/**
 * Every notification the provider (or anyone) posted to our notify endpoint, accepted or not.
 * merchant_id and store_id are those of the payment it names; a notification naming no payment
 * of ours has no merchant and is kept with an empty merchant id in LEDGER_0 (`UNATTRIBUTED`).
 */
export const paymentNotifications = sqliteTable(
  "payment_notifications",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull(),
    storeId: text("store_id").notNull(),
    provider: text("provider").notNull(),
    /** PAYMENT_RESULT, PAYMENT_PENDING, REFUND_RESULT, or what the body claimed. */
    notifyType: text("notify_type"),
    paymentRequestId: text("payment_request_id"),
    refundRequestId: text("refund_request_id"),
    /** Our payment row, when the notification names one. */
    paymentId: text("payment_id"),
    /** The exact body received (what the signature covers). */
    rawBody: text("raw_body").notNull(),
    /** Client-Id, Request-Time, Signature as received. */
    headers: json<Record<string, string>>("headers").notNull(),
    verdict: text("verdict").$type<"accepted" | "duplicate" | "rejected">().notNull(),
    /** Why it was rejected (bad_signature, stale, amount_mismatch, unknown_payment, …). */
    rejectReason: text("reject_reason"),
    receivedAt: utcMillis("received_at").notNull(),
  },
  (t) => [
    index("payment_notifications_store_day_idx").on(t.merchantId, t.storeId, t.receivedAt),
    index("payment_notifications_payment_idx").on(t.paymentRequestId),
  ],
);

/** merchant_id / store_id of a notification that names no payment of ours. */
export const UNATTRIBUTED = "";
