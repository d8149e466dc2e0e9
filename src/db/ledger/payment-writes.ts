import { sql } from "drizzle-orm";
import { bills, payments, tableSessions } from "./schema";
import type { LedgerScope } from "./scope";
import type { BillRecordPayload, PaymentRecordPayload } from "./types";

/**
 * The table object's payment and bill records, upserted into the merchant's ledger. A record
 * never undoes a later one: payment states only move forward (refunds, written by the console's
 * refund service, are never overwritten), and a bill's paid figures only grow.
 */
const RANK = "CASE %s WHEN 'created' THEN 0 WHEN 'pending' THEN 1 WHEN 'failed' THEN 2 WHEN 'cancelled' THEN 2 WHEN 'succeeded' THEN 3 ELSE 4 END";
const rank = (col: string) => sql.raw(RANK.replace("%s", col));

/** The session a payment or bill belongs to, written first if the session's own record has not arrived yet. */
const sessionOf = (ledger: LedgerScope, r: { sessionId: string; storeId: string; tableId: string; currency: string; openedAt: number }) =>
  ledger.insert(tableSessions, [{ id: r.sessionId, storeId: r.storeId, tableId: r.tableId, currency: r.currency, openedAt: r.openedAt }]).onConflictDoNothing();

export async function writePayment(ledger: LedgerScope, p: PaymentRecordPayload): Promise<void> {
  const row = {
    id: p.id,
    storeId: p.storeId,
    billId: p.billId,
    sessionId: p.sessionId,
    tableId: p.tableId,
    paymentRequestId: p.id,
    provider: "antom",
    providerPaymentId: p.providerPaymentId,
    methodType: p.methodType,
    productCode: p.productCode,
    payerId: p.payerId,
    amount: p.amount,
    tip: p.tip,
    charged: p.amount + p.tip,
    currency: p.currency,
    state: p.state,
    failureCode: p.failureCode,
    covers: p.covers,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    settledAt: p.settledAt,
    expiresAt: p.expiresAt,
  };
  await ledger.batch([
    sessionOf(ledger, p),
    ledger
      .insert(payments, [row])
      .onConflictDoUpdate({
        target: payments.id,
        set: {
          state: sql`excluded.state`,
          providerPaymentId: sql`coalesce(excluded.provider_payment_id, ${payments.providerPaymentId})`,
          failureCode: sql`excluded.failure_code`,
          updatedAt: sql`excluded.updated_at`,
          settledAt: sql`coalesce(excluded.settled_at, ${payments.settledAt})`,
        },
        setWhere: sql`${rank("excluded.state")} > ${rank("payments.state")}`,
      }),
  ]);
}

export async function writeBill(ledger: LedgerScope, b: BillRecordPayload): Promise<void> {
  const row = {
    id: b.billId,
    storeId: b.storeId,
    sessionId: b.sessionId,
    tableId: b.tableId,
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
    status: b.status,
    lines: b.lines,
    openedAt: b.openedAt,
    updatedAt: b.updatedAt,
    closedAt: b.closedAt,
  };
  await ledger.batch([
    sessionOf(ledger, b),
    ledger
      .insert(bills, [row])
      .onConflictDoUpdate({
        target: bills.id,
        set: {
          subtotal: sql`excluded.subtotal`,
          service: sql`excluded.service`,
          tax: sql`excluded.tax`,
          total: sql`excluded.total`,
          paid: sql`excluded.paid`,
          tips: sql`excluded.tips`,
          status: sql`excluded.status`,
          lines: sql`excluded.lines`,
          updatedAt: sql`excluded.updated_at`,
          closedAt: sql`coalesce(excluded.closed_at, ${bills.closedAt})`,
        },
        setWhere: sql`excluded.updated_at >= ${bills.updatedAt}`,
      }),
  ]);
}
