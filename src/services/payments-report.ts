/**
 * What the console reads of the ledger: a store's payments on one of its local days, and one
 * bill with its payments, refunds and the notifications received for them. Every read goes
 * through the tenant's `scope.ledger()`, so another merchant's rows are never found.
 */
import { and, desc, eq, gte, inArray, lt, or } from "drizzle-orm";
import type { TenantScope } from "../db/scope";
import { stores, tables } from "../db/schema";
import { bills, paymentNotifications, payments, refunds } from "../db/ledger/schema";
import type { BillView, NotificationRow, PaymentRow, PaymentStateName, RefundRow } from "../api/payments-console";
import { notFound } from "./errors";

export type PaymentRecord = typeof payments.$inferSelect;
export type RefundRecord = typeof refunds.$inferSelect;
export type BillRecord = typeof bills.$inferSelect;

// ── the store's day ─────────────────────────────────────────────────────────────────────────

/** How far `timeZone`'s wall clock is ahead of UTC at `at` (ms; negative west of Greenwich). */
export function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The local calendar day (YYYY-MM-DD) in `timeZone` at `at`. */
export function localDay(at: number, timeZone: string): string {
  return new Date(at + zoneOffset(at, timeZone)).toISOString().slice(0, 10);
}

/** The first UTC millisecond of a local day's midnight (or of the first hour after it, where a DST jump skips midnight). */
function localMidnight(day: string, timeZone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let at = wall - zoneOffset(wall, timeZone);
  // The offset at the guess may differ from the one at the answer (a DST change that day).
  at = wall - zoneOffset(at, timeZone);
  return localDay(at, timeZone) === day ? at : at + 3_600_000;
}

/** [from, to) in UTC ms of a local day in the store's time zone: 23, 24 or 25 hours. */
export function dayBounds(day: string, timeZone: string): { from: number; to: number } {
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: localMidnight(day, timeZone), to: localMidnight(next, timeZone) };
}

// ── rows as the API answers them ────────────────────────────────────────────────────────────

const IN_FLIGHT = ["requested", "pending"] as const;

/** Charged minus refunds that succeeded or are still in flight (a captured payment only). */
export function refundableOf(p: PaymentRecord, inFlight: number): number {
  const captured = p.state === "succeeded" || p.state === "partly_refunded" || p.state === "refunded";
  return captured ? Math.max(0, p.charged - p.refunded - inFlight) : 0;
}

export function toPaymentRow(p: PaymentRecord, names: Map<string, string>, inFlight: number): PaymentRow {
  return {
    id: p.id,
    billId: p.billId,
    storeId: p.storeId,
    tableId: p.tableId,
    tableName: names.get(p.tableId) ?? null,
    providerPaymentId: p.providerPaymentId,
    wallet: p.methodType,
    productCode: p.productCode,
    amount: p.amount,
    tip: p.tip,
    charged: p.charged,
    refunded: p.refunded,
    refundable: refundableOf(p, inFlight),
    currency: p.currency,
    state: p.state,
    failureCode: p.failureCode,
    createdAt: p.createdAt,
    settledAt: p.settledAt,
  };
}

export const toRefundRow = (r: RefundRecord): RefundRow => ({
  refundRequestId: r.refundRequestId,
  paymentId: r.paymentId,
  billId: r.billId,
  providerRefundId: r.providerRefundId,
  amount: r.amount,
  currency: r.currency,
  state: r.state,
  failureCode: r.failureCode,
  reason: r.reason,
  actor: r.actor,
  createdAt: r.createdAt,
  settledAt: r.settledAt,
});

export const toBill = (b: BillRecord, tableName: string | null): BillView => ({
  id: b.id,
  storeId: b.storeId,
  sessionId: b.sessionId,
  tableId: b.tableId,
  tableName,
  billNo: b.billNo,
  currency: b.currency,
  taxMode: b.taxMode,
  taxRateBp: b.taxRateBp,
  serviceBp: b.serviceBp,
  subtotal: b.subtotal,
  service: b.service,
  tax: b.tax,
  total: b.total,
  paid: b.paid,
  tips: b.tips,
  refunded: b.refunded,
  status: b.status,
  lines: b.lines.map(({ itemId, name, quantity, unitPrice, amount, service, tax, due }) => ({ itemId, name, quantity, unitPrice, amount, service, tax, due })),
  openedAt: b.openedAt,
  closedAt: b.closedAt,
});

/** Σ in-flight refund amounts per payment. */
export const inFlightByPayment = (rows: readonly RefundRecord[]) => {
  const held = new Map<string, number>();
  for (const r of rows) if ((IN_FLIGHT as readonly string[]).includes(r.state)) held.set(r.paymentId, (held.get(r.paymentId) ?? 0) + r.amount);
  return held;
};

// ── reads ───────────────────────────────────────────────────────────────────────────────────

export async function storeOf(scope: TenantScope, storeId: string) {
  const [store] = await scope.pick({ id: stores.id, name: stores.name, timeZone: stores.timeZone, currency: stores.currency, address: stores.address }, stores, eq(stores.id, storeId));
  if (!store) throw notFound("Store");
  return store;
}

async function tableNames(scope: TenantScope, storeId: string): Promise<Map<string, string>> {
  const rows = await scope.pick({ id: tables.id, name: tables.name }, tables, eq(tables.storeId, storeId));
  return new Map(rows.map((t) => [t.id, t.name]));
}

const MAX_LISTED = 500;

/** The store's payments created on its local `day` (default: today there), newest first, optionally in one state. */
export async function listPayments(scope: TenantScope, storeId: string, query: { day?: string; state?: PaymentStateName }, now = Date.now()) {
  const store = await storeOf(scope, storeId);
  const day = query.day ?? localDay(now, store.timeZone);
  const { from, to } = dayBounds(day, store.timeZone);
  const ledger = await scope.ledger();
  const inDay = and(eq(payments.storeId, storeId), gte(payments.createdAt, from), lt(payments.createdAt, to));
  const [rows, flying, names] = await Promise.all([
    ledger.select(payments, query.state ? and(inDay, eq(payments.state, query.state)) : inDay, { orderBy: [desc(payments.createdAt)], limit: MAX_LISTED }),
    ledger.select(refunds, and(eq(refunds.storeId, storeId), inArray(refunds.state, [...IN_FLIGHT]))),
    tableNames(scope, storeId),
  ]);
  const held = inFlightByPayment(flying);
  const list = rows.map((p) => toPaymentRow(p, names, held.get(p.id) ?? 0));
  const captured = list.filter((p) => p.state === "succeeded" || p.state === "partly_refunded" || p.state === "refunded");
  return {
    storeId,
    day,
    timeZone: store.timeZone,
    from,
    to,
    payments: list,
    totals: {
      currency: store.currency,
      count: captured.length,
      paid: captured.reduce((s, p) => s + p.amount, 0),
      tips: captured.reduce((s, p) => s + p.tip, 0),
      refunded: captured.reduce((s, p) => s + p.refunded, 0),
    },
  };
}

/**
 * One bill with its payments, refunds and every notification received about them. `storeLimit`:
 * the one store a limited manager may see (another store's bill is not found).
 */
export async function billDetail(scope: TenantScope, billId: string, storeLimit: string | null) {
  const ledger = await scope.ledger();
  const bill = await ledger.first(bills, eq(bills.id, billId));
  if (!bill || (storeLimit && bill.storeId !== storeLimit)) throw notFound("Bill");
  const [store, names, billPayments, billRefunds] = await Promise.all([
    storeOf(scope, bill.storeId),
    tableNames(scope, bill.storeId),
    ledger.select(payments, eq(payments.billId, billId), { orderBy: [payments.createdAt] }),
    ledger.select(refunds, eq(refunds.billId, billId), { orderBy: [refunds.createdAt] }),
  ]);
  const ids = billPayments.map((p) => p.id);
  const refundIds = billRefunds.map((r) => r.refundRequestId);
  const notifications = ids.length
    ? await ledger.select(
        paymentNotifications,
        or(inArray(paymentNotifications.paymentId, ids), inArray(paymentNotifications.paymentRequestId, ids), ...(refundIds.length ? [inArray(paymentNotifications.refundRequestId, refundIds)] : [])),
        { orderBy: [paymentNotifications.receivedAt], limit: 200 },
      )
    : [];
  const held = inFlightByPayment(billRefunds);
  return {
    bill: toBill(bill, names.get(bill.tableId) ?? null),
    store,
    timeZone: store.timeZone,
    payments: billPayments.map((p) => toPaymentRow(p, names, held.get(p.id) ?? 0)),
    refunds: billRefunds.map(toRefundRow),
    notifications: notifications.map(
      (n): NotificationRow => ({
        id: n.id,
        notifyType: n.notifyType,
        paymentId: n.paymentId,
        refundRequestId: n.refundRequestId,
        verdict: n.verdict,
        rejectReason: n.rejectReason,
        receivedAt: n.receivedAt,
        rawBody: n.rawBody,
      }),
    ),
  };
}
