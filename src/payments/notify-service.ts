import { eq } from "drizzle-orm";
import type { Env } from "../env";
import type { Db } from "../db/client";
import { tables } from "../db/schema";
import { TenantScope } from "../db/scope";
import { refunds } from "../db/ledger/schema";
import type { LedgerScope } from "../db/ledger/scope";
import { tableOfPayment } from "../domain/payments/ids";
import { fromAmount, type NotifyPayment, type NotifyRefund } from "./antom/messages";
import { parseRequestTime, verifyNotification, type NotifyRejection } from "./antom/notify";
import { antomConfig, AntomConfigError } from "./antom/config";
import { notificationHeaders, recordNotification, unattributedLedger, type Verdict } from "./notification-log";
import { tableObject } from "./table-rpc";
import { applyRefundNotification, merchantOfRefund } from "../services/refunds";

/** How far a notification's Request-Time may be from our clock (either way): older ones are replays. */
export const NOTIFY_MAX_SKEW_MS = 5 * 60_000;
/** Larger bodies are refused before anything else (a real notification is well under 4 KiB). */
export const NOTIFY_MAX_BODY = 64 * 1024;

/**
 * What the notify endpoint answers: `ack` is the SUCCESS acknowledgement (HTTP 200), anything else
 * a failure answer with a 4xx (refused: the provider may retry a genuine one) or a 503 (we could not
 * handle it now: it must come again).
 */
export type NotifyAnswer = { verdict: Verdict; reason: string | null; status: 200 | 400 | 401 | 404 | 409 | 413 | 503 };

export interface NotifyRequest {
  /** The request's path and query as received (what the signature covers). */
  path: string;
  headers: Pick<Headers, "get">;
  body: string;
  /** The body was declared larger than NOTIFY_MAX_BODY and not read. */
  oversized?: boolean;
  now: number;
}

/** Where a notification is recorded: the merchant's ledger, the store and our payment it names. */
type Where = { ledger: LedgerScope; storeId: string; paymentId: string | null } | null;

const STATUS_OF_REJECTION: Record<NotifyRejection, 400 | 401> = {
  missing_signature: 401,
  bad_signature: 401,
  client_mismatch: 401,
  stale: 400,
  malformed: 400,
};

/**
 * Handles one POST to /api/payments/antom/notify: verifies it, routes it to the table object
 * that holds the payment it names (the id names the table), lets the object apply it once, and
 * records it in the merchant's ledger whatever the verdict. A notification that cannot be
 * recorded is answered 503, so the provider sends it again.
 */
export async function handleNotification(env: Env, db: Db, req: NotifyRequest): Promise<NotifyAnswer> {
  const names = namedIds(req.body);
  const answer = await judge(env, db, req);
  const where = await attribution(db, names).catch(() => null);
  await recordNotification(where?.ledger ?? unattributedLedger(), {
    storeId: where?.storeId ?? "",
    notifyType: names.notifyType,
    paymentRequestId: names.paymentRequestId,
    refundRequestId: names.refundRequestId,
    paymentId: answer.reason === "unknown_payment" ? null : (where?.paymentId ?? null),
    rawBody: req.body.slice(0, NOTIFY_MAX_BODY),
    headers: notificationHeaders(req.headers),
    verdict: answer.verdict,
    rejectReason: answer.reason,
    receivedAt: req.now,
  });
  return answer;
}

async function judge(env: Env, db: Db, req: NotifyRequest): Promise<NotifyAnswer> {
  const rejected = (reason: string, status: NotifyAnswer["status"]): NotifyAnswer => ({ verdict: "rejected", reason, status });
  if (req.oversized || req.body.length > NOTIFY_MAX_BODY) return rejected("too_large", 413);

  let config;
  try {
    config = antomConfig(env);
  } catch (error) {
    if (error instanceof AntomConfigError) return rejected("not_configured", 503);
    throw error;
  }
  const verified = await verifyNotification({
    path: req.path,
    headers: req.headers,
    body: req.body,
    providerPublicKey: config.providerPublicKey,
    expectedClientId: config.clientId,
    now: req.now,
    maxSkewMs: NOTIFY_MAX_SKEW_MS,
  });
  if (!verified.ok) return rejected(`${verified.reason}: ${verified.detail}`.slice(0, 500), STATUS_OF_REJECTION[verified.reason]);

  const n = verified.notification;
  try {
    return n.notifyType === "REFUND_RESULT" ? await refundResult(env, n) : await paymentNotification(env, db, n, req.now);
  } catch (error) {
    console.error("notify: could not apply", error);
    return rejected("unavailable", 503);
  }
}

async function paymentNotification(env: Env, db: Db, n: NotifyPayment, now: number): Promise<NotifyAnswer> {
  const tableId = tableOfPayment(n.paymentRequestId);
  if (!tableId || !(await tableRoute(db, tableId))) return { verdict: "rejected", reason: "unknown_payment", status: 404 };
  const table = tableObject(env, tableId);
  const { minor, currency } = fromAmount(n.paymentAmount);

  if (n.notifyType === "PAYMENT_RESULT" && n.result.resultStatus === "S") {
    if (!n.paymentId) return { verdict: "rejected", reason: "malformed: a successful payment names no paymentId", status: 400 };
    const paidAt = (n.paymentTime && parseRequestTime(n.paymentTime)) || now;
    return answerOf(await table.paymentResult(n.paymentRequestId, { status: "succeeded", providerPaymentId: n.paymentId, amount: minor, currency, paidAt }), "unknown_payment");
  }

  // A failure or a pending notice must still be about the payment we made, for what we asked.
  const ours = await table.paymentOf(n.paymentRequestId);
  if (ours) {
    const expected = ours.order.amount + ours.order.tip;
    if (minor !== expected || currency !== ours.order.currency) {
      return { verdict: "rejected", reason: `amount_mismatch: expected ${expected} ${ours.order.currency}, got ${minor} ${currency}`, status: 409 };
    }
  }
  if (n.notifyType === "PAYMENT_PENDING") {
    // The guest is done in the wallet; the final result follows. Nothing changes here.
    return ours ? { verdict: "accepted", reason: null, status: 200 } : { verdict: "rejected", reason: "unknown_payment", status: 404 };
  }
  if (n.result.resultStatus !== "F") return { verdict: "rejected", reason: `malformed: PAYMENT_RESULT with result ${n.result.resultStatus}`, status: 400 };
  return answerOf(
    await table.paymentResult(n.paymentRequestId, {
      status: "failed",
      providerPaymentId: n.paymentId ?? null,
      code: n.result.resultCode,
      message: n.result.resultMessage,
    }),
    "unknown_payment",
  );
}

/** What we answer and record for a notification, from how applying it went (`unknown`: the reason recorded when it is not ours). */
function answerOf(r: { outcome: "applied" | "duplicate" | "mismatch" | "unknown"; detail: string | null }, unknown: string): NotifyAnswer {
  switch (r.outcome) {
    case "applied":
      return { verdict: "accepted", reason: null, status: 200 };
    case "duplicate":
      return { verdict: "duplicate", reason: null, status: 200 };
    case "mismatch":
      return { verdict: "rejected", reason: `mismatch${r.detail ? `: ${r.detail}` : ""}`.slice(0, 500), status: 409 };
    case "unknown":
      return { verdict: "rejected", reason: unknown, status: 404 };
  }
}

/** A refund's result, applied once by the refund service (src/services/refunds.ts), which checks it against our refund row. */
async function refundResult(env: Env, n: NotifyRefund): Promise<NotifyAnswer> {
  const r = await applyRefundNotification(env, n);
  return answerOf(r, `unknown_refund${r.detail ? `: ${r.detail}` : ""}`);
}

/** The table a payment id names, in the control plane: its merchant and store (not tenant-scoped: the id is the key). */
async function tableRoute(db: Db, tableId: string): Promise<{ merchantId: string; storeId: string } | null> {
  const [row] = await db.select({ merchantId: tables.merchantId, storeId: tables.storeId }).from(tables).where(eq(tables.id, tableId)).limit(1);
  return row ?? null;
}

interface NamedIds {
  notifyType: string | null;
  paymentRequestId: string | null;
  refundRequestId: string | null;
}

/** What the body says it is about, read leniently (also from bodies that fail verification), for the record. */
function namedIds(body: string): NamedIds {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  const o = json !== null && typeof json === "object" ? (json as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v.slice(0, 128) : null);
  return { notifyType: str(o.notifyType), paymentRequestId: str(o.paymentRequestId), refundRequestId: str(o.refundRequestId) };
}

/**
 * The ledger a notification is kept in: that of the merchant whose table (payment) or refund it
 * names, else UNATTRIBUTED (null). A forged body may name someone else's payment: it is recorded
 * there as rejected, which is what that merchant's console should show.
 */
async function attribution(db: Db, ids: NamedIds): Promise<Where> {
  const tableId = ids.paymentRequestId ? tableOfPayment(ids.paymentRequestId) : null;
  if (tableId) {
    const route = await tableRoute(db, tableId);
    if (route) return { ledger: await new TenantScope(db, route.merchantId).ledger(), storeId: route.storeId, paymentId: ids.paymentRequestId };
  }
  const merchantId = ids.refundRequestId ? merchantOfRefund(ids.refundRequestId) : null;
  if (merchantId && ids.refundRequestId) {
    const ledger = await new TenantScope(db, merchantId).ledger();
    const refund = await ledger.first(refunds, eq(refunds.refundRequestId, ids.refundRequestId));
    if (refund) return { ledger, storeId: refund.storeId, paymentId: refund.paymentId };
  }
  return null;
}
