/**
 * Refunds from the console, and the provider's answers about them.
 *
 * - `refundPayment`: owner/manager asks for a refund of a succeeded payment. Never more than was
 *   paid minus what is refunded or still in flight (the domain's `requestRefund`, then a guard in
 *   the very batch that writes our row, so two managers at once can never pass it); idempotent by
 *   refundRequestId (the same id answers the same row and never calls the provider for a second
 *   refund); audited; then Antom `refund`: S settles it, F fails it, U leaves it pending.
 * - `applyRefundNotification`: a verified REFUND_RESULT from the notify route, applied once.
 * - `inquireRefund`: asks the provider about a refund still in flight (console, scheduled job).
 *
 * A settled refund changes the refund row, the payment's `refunded` and state, and the bill's
 * `refunded` in one ledger batch; the figures are recomputed from the refund rows, so applying a
 * result twice (a notification racing the answer) cannot count a refund twice.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { TenantScope } from "../db/scope";
import type { LedgerScope } from "../db/ledger/scope";
import { bills, payments, refunds } from "../db/ledger/schema";
import type { Env } from "../env";
import { randomToken } from "../domain/ids";
import type { Payment, PaymentState } from "../domain/payments/payment-state";
import { refundTransition, requestRefund, type Refund, type RefundEvent } from "../domain/payments/refunds";
import { AntomConfigError, type AntomEnv } from "../payments/antom/config";
import type { AntomClient } from "../payments/antom/client";
import { fromAmount, toAmount, type NotifyRefund } from "../payments/antom/messages";
import { providerOf } from "../payments/provider";
import { actorStore, actorUserId, type TenantCall } from "./actor";
import { commit } from "./commit";
import { notFound, Refusal } from "./errors";
import type { PaymentRecord, RefundRecord } from "./payments-report";

export type RefundEnv = AntomEnv & Pick<Env, "APP_ENV" | "DB" | "LEDGER_0" | "LEDGER_COUNT">;
export type RefundCall = TenantCall & { env: TenantCall["env"] & RefundEnv };

// ── ids ─────────────────────────────────────────────────────────────────────────────────────

/** `rfd.<merchantId>.<random>`: the merchant is in the id, so a notification finds its ledger. */
export const newRefundId = (merchantId: string) => `rfd.${merchantId}.${randomToken(20)}`;

/** The merchant a refundRequestId of ours names, or null. */
export function merchantOfRefund(refundRequestId: string): string | null {
  const m = /^rfd\.([A-Za-z0-9_-]{1,40})\.[A-Za-z0-9_-]{8,32}$/.exec(refundRequestId);
  return m && refundRequestId.length <= 64 ? m[1]! : null;
}

// ── the ledger rows as the payment domain sees them ─────────────────────────────────────────

function paymentOf(p: PaymentRecord, rows: readonly RefundRecord[]): Payment {
  const paidAt = p.settledAt ?? p.updatedAt;
  const providerPaymentId = p.providerPaymentId ?? "";
  const applied = rows.filter((r) => r.state === "succeeded").map((r) => ({ refundRequestId: r.refundRequestId, amount: r.amount, at: r.settledAt ?? r.updatedAt }));
  const states: Record<PaymentRecord["state"], () => PaymentState> = {
    created: () => ({ status: "created" }),
    pending: () => ({ status: "pending", providerPaymentId: p.providerPaymentId, since: p.createdAt }),
    succeeded: () => ({ status: "succeeded", providerPaymentId, paidAt }),
    failed: () => ({ status: "failed", code: p.failureCode ?? "", at: p.updatedAt }),
    cancelled: () => ({ status: "cancelled", reason: "guest", at: p.updatedAt }),
    partly_refunded: () => ({ status: "partly_refunded", providerPaymentId, paidAt, refunds: applied, refunded: p.refunded }),
    refunded: () => ({ status: "refunded", providerPaymentId, paidAt, refunds: applied, refunded: p.refunded }),
  };
  return { id: p.id, currency: p.currency, amount: p.amount, tip: p.tip, state: states[p.state]() };
}

function refundOf(r: RefundRecord): Refund {
  const at = r.settledAt ?? r.updatedAt;
  const state: Refund["state"] =
    r.state === "requested"
      ? { status: "requested" }
      : r.state === "pending"
        ? { status: "pending", providerRefundId: r.providerRefundId }
        : r.state === "succeeded"
          ? { status: "succeeded", providerRefundId: r.providerRefundId ?? "", at }
          : { status: "failed", code: r.failureCode ?? "", at };
  return { refundRequestId: r.refundRequestId, paymentId: r.paymentId, currency: r.currency, amount: r.amount, reason: r.reason, actor: r.actor, state };
}

const REFUSAL_KIND = { invalid_amount: "invalid", invalid_request: "invalid" } as const;

// ── settling a refund in the ledger ─────────────────────────────────────────────────────────

const OPEN = ["requested", "pending"] as const;

/** Σ succeeded refunds of a payment (or a bill), recomputed in the statement itself. */
const succeededSum = (merchantId: string, column: "payment_id" | "bill_id", id: string) =>
  sql`(select coalesce(sum(r."amount"), 0) from "refunds" r where r."merchant_id" = ${merchantId} and r.${sql.identifier(column)} = ${id} and r."state" = 'succeeded')`;

/**
 * The refund's new state, and on success the payment's `refunded` and state and the bill's
 * `refunded`, in one batch. Only a refund still open moves; answers whether this call moved it.
 */
async function settle(ledger: LedgerScope, r: RefundRecord, outcome: { state: "succeeded"; providerRefundId: string | null } | { state: "failed"; code: string } | { state: "pending"; providerRefundId: string | null }, now = Date.now()): Promise<boolean> {
  const open = and(eq(refunds.refundRequestId, r.refundRequestId), inArray(refunds.state, outcome.state === "pending" ? ["requested"] : [...OPEN]));
  if (outcome.state === "pending") {
    const [res] = await ledger.batch([ledger.update(refunds, { state: "pending", providerRefundId: outcome.providerRefundId ?? r.providerRefundId, updatedAt: now }, open)]);
    return changes(res) > 0;
  }
  if (outcome.state === "failed") {
    const [res] = await ledger.batch([ledger.update(refunds, { state: "failed", failureCode: outcome.code.slice(0, 64), updatedAt: now, settledAt: now }, open)]);
    return changes(res) > 0;
  }
  const m = ledger.merchantId;
  const paid = succeededSum(m, "payment_id", r.paymentId);
  const [res] = await ledger.batch([
    ledger.update(refunds, { state: "succeeded", providerRefundId: outcome.providerRefundId ?? r.providerRefundId, updatedAt: now, settledAt: now }, open),
    ledger.update(
      payments,
      {
        refunded: paid,
        state: sql`case when ${paid} >= "charged" then 'refunded' when ${paid} > 0 then 'partly_refunded' else 'succeeded' end`,
        updatedAt: now,
      },
      and(eq(payments.id, r.paymentId), inArray(payments.state, ["succeeded", "partly_refunded", "refunded"])),
    ),
    ledger.update(bills, { refunded: succeededSum(m, "bill_id", r.billId), updatedAt: now }, eq(bills.id, r.billId)),
  ]);
  return changes(res) > 0;
}

const changes = (result: unknown) => Number((result as { meta?: { changes?: number } })?.meta?.changes ?? 0);

// ── the provider ────────────────────────────────────────────────────────────────────────────

function provider(env: RefundEnv): { client: AntomClient; notifyUrl: string } {
  try {
    const { client, config } = providerOf(env);
    return { client, notifyUrl: `${config.publicOrigin}/api/payments/antom/notify` };
  } catch (e) {
    if (e instanceof AntomConfigError) throw new Refusal("conflict", "provider_unavailable", "The payment provider is not configured; no refund was made.");
    throw e;
  }
}

/**
 * Sends the refund (again, with the same refundRequestId: the provider answers a repeat with the
 * same result and never refunds twice) and records its answer. A transport failure or an
 * unverified answer leaves it `requested`: unknown, in flight, asked about later.
 */
async function submit(env: RefundEnv, ledger: LedgerScope, r: RefundRecord, payment: PaymentRecord): Promise<void> {
  const { client, notifyUrl } = provider(env);
  const answer = await client.refund({
    refundRequestId: r.refundRequestId,
    paymentId: payment.providerPaymentId ?? "",
    refundAmount: toAmount(r.amount, r.currency),
    ...(r.reason ? { refundReason: r.reason } : {}),
    refundNotifyUrl: notifyUrl,
  });
  if (!answer.ok) {
    console.warn("refund: no verified answer", r.refundRequestId, answer.kind);
    return;
  }
  const { result, refundId, refundAmount } = answer.response;
  if (result.resultStatus === "F") {
    await settle(ledger, r, { state: "failed", code: result.resultCode });
  } else if (result.resultStatus === "S" && (!refundAmount || (refundAmount.currency === r.currency && refundAmount.value === String(r.amount)))) {
    await settle(ledger, r, { state: "succeeded", providerRefundId: refundId ?? null });
  } else {
    // U (REFUND_IN_PROCESS), or an S for another amount than ours: not believed, asked about later.
    await settle(ledger, r, { state: "pending", providerRefundId: refundId ?? null });
  }
}

// ── asking for a refund ─────────────────────────────────────────────────────────────────────

export interface RefundAsk {
  amount: number;
  reason: string;
  refundRequestId?: string;
}

export interface RefundOutcome {
  refund: RefundRecord;
  payment: PaymentRecord;
  refunds: RefundRecord[];
  /** False when this refundRequestId was asked for before (a retry). */
  created: boolean;
}

async function loadPayment(call: TenantCall, ledger: LedgerScope, paymentId: string) {
  const payment = await ledger.first(payments, eq(payments.id, paymentId));
  const limit = actorStore(call.actor);
  if (!payment || (limit && payment.storeId !== limit)) throw notFound("Payment");
  return payment;
}

async function outcome(ledger: LedgerScope, paymentId: string, refundRequestId: string, created: boolean): Promise<RefundOutcome> {
  const [payment, rows] = await Promise.all([ledger.first(payments, eq(payments.id, paymentId)), ledger.select(refunds, eq(refunds.paymentId, paymentId))]);
  return { payment: payment!, refunds: rows, refund: rows.find((r) => r.refundRequestId === refundRequestId)!, created };
}

export async function refundPayment(call: RefundCall, paymentId: string, ask: RefundAsk): Promise<RefundOutcome> {
  const { scope, actor, env } = call;
  const ledger = await scope.ledger();
  const payment = await loadPayment(call, ledger, paymentId);
  const id = ask.refundRequestId ?? newRefundId(scope.merchantId);
  if (merchantOfRefund(id) !== scope.merchantId) throw new Refusal("invalid", "invalid_request", "refundRequestId: this id does not belong to this merchant (rfd.<merchantId>.<token>).");
  const elsewhere = await ledger.first(refunds, eq(refunds.refundRequestId, id));
  if (elsewhere && elsewhere.paymentId !== paymentId) throw new Refusal("conflict", "refund_mismatch", "This refund id was used for another refund.");

  const rows = await ledger.select(refunds, eq(refunds.paymentId, paymentId));
  const who = actorUserId(actor) ?? actor.name;
  const asked = requestRefund(paymentOf(payment, rows), rows.map(refundOf), { refundRequestId: id, amount: ask.amount, reason: ask.reason, actor: who });
  if (!asked.ok) {
    const kind = REFUSAL_KIND[asked.error.code as keyof typeof REFUSAL_KIND] ?? "conflict";
    throw new Refusal(kind, asked.error.code, asked.error.message, asked.error.details);
  }
  if (!asked.created) {
    // A retry: the refund row answers. One never answered by the provider is sent again with the
    // same id (the provider's idempotency key), which cannot refund twice.
    const existing = rows.find((r) => r.refundRequestId === id)!;
    if (existing.state === "requested") await submit(env, ledger, existing, payment);
    return outcome(ledger, paymentId, id, false);
  }

  provider(env); // refuse before writing anything when the provider is not configured
  const now = Date.now();
  const { refund } = asked;
  // The row goes in and, in the same atomic batch, fails at once if with every refund still
  // held it would pass what was paid: of two refunds asked for at the same moment, the one
  // whose batch ran first is held and the other fails before reaching the provider.
  const held = sql`(select coalesce(sum(r."amount"), 0) from "refunds" r where r."merchant_id" = ${scope.merchantId} and r."payment_id" = ${paymentId} and r."state" <> 'failed')`;
  await ledger.batch([
    ledger
      .insert(refunds, [
        { id, storeId: payment.storeId, paymentId, billId: payment.billId, refundRequestId: id, amount: refund.amount, currency: refund.currency, state: "requested", reason: refund.reason, actor: who, createdAt: now, updatedAt: now },
      ])
      .onConflictDoNothing(),
    ledger.update(refunds, { state: "failed", failureCode: "refund_exceeds_paid", settledAt: now }, and(eq(refunds.refundRequestId, id), eq(refunds.state, "requested"), sql`${held} > ${payment.charged}`)),
  ]);
  const mine = (await ledger.first(refunds, eq(refunds.refundRequestId, id)))!;
  if (mine.paymentId !== paymentId || mine.amount !== refund.amount) throw new Refusal("conflict", "refund_mismatch", "This refund id was used for another refund.");
  if (mine.state === "failed" && mine.failureCode === "refund_exceeds_paid") {
    const others = (await ledger.select(refunds, eq(refunds.paymentId, paymentId))).filter((r) => r.state !== "failed").reduce((s, r) => s + r.amount, 0);
    throw new Refusal("conflict", "refund_exceeds_paid", "Refunds cannot exceed what was paid (another refund was asked for at the same moment).", { refundable: Math.max(0, payment.charged - others) });
  }
  await commit(call, [], {
    audit: { action: "payment.refund_requested", target: paymentId, data: { refundRequestId: id, billId: payment.billId, amount: refund.amount, currency: refund.currency, reason: refund.reason } },
  });
  await submit(env, ledger, mine, payment);
  return outcome(ledger, paymentId, id, true);
}

/**
 * Asks the provider about a refund still in flight: SUCCESS or FAIL settles it; one the provider
 * never heard of (`requested`, no answer) is sent again with the same id.
 */
export async function inquireRefund(env: RefundEnv, scope: TenantScope, refundRequestId: string, storeLimit: string | null = null): Promise<RefundRecord> {
  const ledger = await scope.ledger();
  const r = await ledger.first(refunds, eq(refunds.refundRequestId, refundRequestId));
  if (!r || (storeLimit && r.storeId !== storeLimit)) throw notFound("Refund");
  if (r.state === "requested" || r.state === "pending") {
    const payment = (await ledger.first(payments, eq(payments.id, r.paymentId)))!;
    const { client } = provider(env);
    const answer = await client.inquiryRefund({ refundRequestId: r.refundRequestId });
    if (answer.ok && answer.response.result.resultStatus === "S") {
      const { refundStatus, refundId, refundAmount } = answer.response;
      const same = !refundAmount || (refundAmount.currency === r.currency && refundAmount.value === String(r.amount));
      if (refundStatus === "SUCCESS" && same) await settle(ledger, r, { state: "succeeded", providerRefundId: refundId ?? null });
      else if (refundStatus === "FAIL") await settle(ledger, r, { state: "failed", code: "REFUND_FAILED" });
    } else if (answer.ok && answer.response.result.resultCode === "ORDER_NOT_EXIST" && r.state === "requested") {
      await submit(env, ledger, r, payment);
    }
  }
  return (await ledger.first(refunds, eq(refunds.refundRequestId, refundRequestId)))!;
}

// ── the provider's notification ─────────────────────────────────────────────────────────────

export interface RefundNotificationResult {
  /** applied: the refund moved; duplicate: already so; mismatch: contradicts our record (nothing changed); unknown: no such refund of ours. */
  outcome: "applied" | "duplicate" | "mismatch" | "unknown";
  detail: string | null;
  /** Where the notification belongs, for payment_notifications (null when unknown). */
  merchantId: string | null;
  storeId: string | null;
  paymentId: string | null;
}

/**
 * A verified REFUND_RESULT notification (the notify route checked its signature and time): applied
 * once, checked against our own refund (amount, currency, the provider's payment id).
 */
export async function applyRefundNotification(env: Pick<Env, "DB" | "LEDGER_0" | "LEDGER_COUNT">, n: NotifyRefund): Promise<RefundNotificationResult> {
  const unknown = (detail: string): RefundNotificationResult => ({ outcome: "unknown", detail, merchantId: null, storeId: null, paymentId: null });
  const merchantId = merchantOfRefund(n.refundRequestId);
  if (!merchantId) return unknown("not_our_refund_id");
  let ledger: LedgerScope;
  try {
    ledger = await new TenantScope(createDb(env.DB), merchantId, env).ledger();
  } catch {
    return unknown("unknown_merchant");
  }
  const r = await ledger.first(refunds, eq(refunds.refundRequestId, n.refundRequestId));
  if (!r) return unknown("unknown_refund");
  const payment = await ledger.first(payments, eq(payments.id, r.paymentId));
  const where = { merchantId, storeId: r.storeId, paymentId: r.paymentId };
  const mismatch = (detail: string): RefundNotificationResult => ({ outcome: "mismatch", detail, ...where });

  let amount: { minor: number; currency: string };
  try {
    amount = fromAmount(n.refundAmount);
  } catch {
    return mismatch("amount_malformed");
  }
  if (amount.minor !== r.amount || amount.currency !== r.currency) return mismatch("amount_mismatch");
  if (n.paymentId && payment?.providerPaymentId && n.paymentId !== payment.providerPaymentId) return mismatch("payment_mismatch");

  const now = Date.now();
  const event: RefundEvent =
    n.refundStatus === "SUCCESS"
      ? { type: "succeeded", providerRefundId: n.refundId ?? r.providerRefundId ?? "", amount: amount.minor, currency: amount.currency, at: now }
      : { type: "failed", code: n.result.resultCode, at: now };
  // A refund settled by the provider's answer may not have carried its refund id.
  const moved = refundTransition(refundOf(r.providerRefundId ? r : { ...r, providerRefundId: n.refundId ?? null }), event);
  if (!moved.ok) return mismatch(moved.error.code);
  if (!moved.changed) return { outcome: "duplicate", detail: null, ...where };
  const applied = await settle(ledger, r, event.type === "succeeded" ? { state: "succeeded", providerRefundId: event.providerRefundId || null } : { state: "failed", code: event.code });
  return { outcome: applied ? "applied" : "duplicate", detail: null, ...where };
}
