import type { PaymentStatus } from "./rules";

/** A payment the wallet holds, as stored in the object's SQLite. */
export type PaymentRow = {
  payment_id: string;
  payment_request_id: string;
  request_hash: string;
  product_code: "CASHIER_PAYMENT" | "IN_STORE_PAYMENT";
  method_type: string;
  currency: string;
  value: number;
  merchant_name: string;
  description: string;
  redirect_url: string | null;
  notify_url: string | null;
  status: PaymentStatus;
  result_code: string | null;
  result_message: string | null;
  created_at: number;
  expires_at: number;
  paid_at: number | null;
  closed_at: number | null;
  /** The pay answer as first given (replayed while the payment is open). */
  first_answer: string;
};

/** A refund request, granted or refused (both are replayed for the same refundRequestId). */
export type RefundRow = {
  refund_request_id: string;
  request_hash: string;
  refund_id: string | null;
  payment_id: string;
  currency: string;
  value: number;
  status: "SUCCESS" | "FAIL";
  created_at: number;
  answer: string;
};

export type NotificationRow = {
  id: number;
  kind: "payment" | "refund";
  subject_id: string;
  url: string;
  body: string;
  attempts: number;
  last_attempt_at: number | null;
  next_at: number | null;
  delivered_at: number | null;
  last_error: string | null;
};

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS payments (
    payment_id TEXT PRIMARY KEY, payment_request_id TEXT NOT NULL UNIQUE, request_hash TEXT NOT NULL,
    product_code TEXT NOT NULL, method_type TEXT NOT NULL, currency TEXT NOT NULL, value INTEGER NOT NULL,
    merchant_name TEXT NOT NULL, description TEXT NOT NULL, redirect_url TEXT, notify_url TEXT,
    status TEXT NOT NULL, result_code TEXT, result_message TEXT, created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, paid_at INTEGER, closed_at INTEGER, first_answer TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS refunds (
    refund_request_id TEXT PRIMARY KEY, request_hash TEXT NOT NULL, refund_id TEXT UNIQUE, payment_id TEXT NOT NULL,
    currency TEXT NOT NULL, value INTEGER NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, answer TEXT NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS refunds_payment ON refunds (payment_id)",
  `CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, subject_id TEXT NOT NULL, url TEXT NOT NULL,
    body TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_attempt_at INTEGER, next_at INTEGER, delivered_at INTEGER, last_error TEXT)`,
  "CREATE INDEX IF NOT EXISTS notifications_due ON notifications (next_at)",
];

/** The wallet object's tables: payments, refunds and the notifications still to deliver. */
export class WalletStore {
  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    for (const statement of SCHEMA) this.sql.exec(statement);
  }

  payment(by: { paymentId?: string; paymentRequestId?: string }): PaymentRow | null {
    // The provider's id wins when both are given.
    const [column, value] = by.paymentId !== undefined ? ["payment_id", by.paymentId] : ["payment_request_id", by.paymentRequestId];
    return this.sql.exec<PaymentRow>(`SELECT * FROM payments WHERE ${column} = ?`, value ?? null).toArray()[0] ?? null;
  }

  insertPayment(p: PaymentRow): void {
    const columns = Object.keys(p);
    this.sql.exec(`INSERT INTO payments (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`, ...Object.values(p));
  }

  /** Moves an open payment to a final state; false when it was no longer open. */
  settle(paymentId: string, status: Exclude<PaymentStatus, "PROCESSING">, code: string, message: string, at: number): boolean {
    const paidAt = status === "SUCCESS" ? at : null;
    const cursor = this.sql.exec(
      "UPDATE payments SET status = ?, result_code = ?, result_message = ?, paid_at = ?, closed_at = ? WHERE payment_id = ? AND status = 'PROCESSING'",
      status, code, message, paidAt, at, paymentId,
    );
    return cursor.rowsWritten > 0;
  }

  /** Voids a paid payment (cancel within its window). */
  voidPaid(paymentId: string, at: number): void {
    this.sql.exec("UPDATE payments SET status = 'CANCELLED', closed_at = ? WHERE payment_id = ? AND status = 'SUCCESS'", at, paymentId);
  }

  openPastExpiry(now: number): PaymentRow[] {
    return this.sql.exec<PaymentRow>("SELECT * FROM payments WHERE status = 'PROCESSING' AND expires_at <= ?", now).toArray();
  }

  nextExpiry(): number | null {
    return this.sql.exec<{ t: number | null }>("SELECT MIN(expires_at) AS t FROM payments WHERE status = 'PROCESSING'").one().t;
  }

  refund(by: { refundId?: string; refundRequestId?: string }): RefundRow | null {
    const [column, value] = by.refundId !== undefined ? ["refund_id", by.refundId] : ["refund_request_id", by.refundRequestId];
    return this.sql.exec<RefundRow>(`SELECT * FROM refunds WHERE ${column} = ?`, value ?? null).toArray()[0] ?? null;
  }

  refunded(paymentId: string): number {
    return this.sql.exec<{ s: number | null }>("SELECT SUM(value) AS s FROM refunds WHERE payment_id = ? AND status = 'SUCCESS'", paymentId).one().s ?? 0;
  }

  insertRefund(r: RefundRow): void {
    const columns = Object.keys(r);
    this.sql.exec(`INSERT INTO refunds (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`, ...Object.values(r));
  }

  enqueue(kind: NotificationRow["kind"], subjectId: string, url: string, body: string, at: number): void {
    this.sql.exec("INSERT INTO notifications (kind, subject_id, url, body, next_at) VALUES (?, ?, ?, ?, ?)", kind, subjectId, url, body, at);
  }

  due(now: number): NotificationRow[] {
    return this.sql.exec<NotificationRow>("SELECT * FROM notifications WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY id", now).toArray();
  }

  nextDue(): number | null {
    return this.sql.exec<{ t: number | null }>("SELECT MIN(next_at) AS t FROM notifications WHERE next_at IS NOT NULL").one().t;
  }

  /** Records one delivery attempt made at `at`: delivered, or the error and when to try next (null: given up). */
  recordAttempt(id: number, at: number, outcome: { delivered: true } | { delivered: false; error: string; nextAt: number | null }): void {
    if (outcome.delivered) {
      this.sql.exec("UPDATE notifications SET attempts = attempts + 1, last_attempt_at = ?, delivered_at = ?, next_at = NULL, last_error = NULL WHERE id = ?", at, at, id);
    } else {
      this.sql.exec("UPDATE notifications SET attempts = attempts + 1, last_attempt_at = ?, next_at = ?, last_error = ? WHERE id = ?", at, outcome.nextAt, outcome.error, id);
    }
  }

  notifications(subjectId?: string): NotificationRow[] {
    return subjectId === undefined
      ? this.sql.exec<NotificationRow>("SELECT * FROM notifications ORDER BY id").toArray()
      : this.sql.exec<NotificationRow>("SELECT * FROM notifications WHERE subject_id = ? ORDER BY id", subjectId).toArray();
  }
}
