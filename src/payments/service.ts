import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { stores, tables } from "../db/schema";
import { TenantScope } from "../db/scope";
import type { PaymentView } from "../table/protocol";
import type { Reply } from "../table/table-session";
import { fromAmount, type InquiryPaymentResponse } from "./antom/messages";
import { parseRequestTime } from "./antom/notify";
import { AntomConfigError } from "./antom/config";
import { cashierPayRequest, orderCodePayRequest, payOutcome, type Payee } from "./pay-request";
import { providerOf, type Provider, type ProviderEnv } from "./provider";
import type { PaymentOrder, PaymentResultAnswer, PaymentResultInput, PaymentTable } from "./table-rpc";

/**
 * The Worker's half of a payment: the table object reserved it (startPayment / startBillCode);
 * this asks the provider and tells the object what came of it. The object never calls the
 * provider; the provider's final word arrives by notification, inquiry or a confirmed cancel.
 */

export type EdgeFailure = { ok: false; status: 404 | 409 | 502; code: string; message: string; details?: Record<string, unknown> };
export type Submitted = { ok: true; payment: PaymentView; redirectUrl: string | null; codeValue: string | null } | EdgeFailure;

/** Runs work after the answer (ctx.waitUntil), e.g. a cleanup cancel at the provider. */
export type Defer = (work: Promise<unknown>) => void;

const unavailable = (message: string): EdgeFailure => ({ ok: false, status: 502, code: "provider_unavailable", message });

/** The provider, or null when it is not configured (every payment then fails cleanly). */
export function tryProvider(env: ProviderEnv): Provider | null {
  try {
    return providerOf(env);
  } catch (error) {
    if (error instanceof AntomConfigError) {
      console.error("payments:", error.message);
      return null;
    }
    throw error;
  }
}

/** Names the provider shows the payer, and the table code the guest returns to. */
async function payeeOf(db: Db, order: PaymentOrder, origin: string): Promise<Payee> {
  const scope = new TenantScope(db, order.merchantId);
  const [merchant, store, table] = await Promise.all([
    scope.merchantRow(),
    scope.first(stores, eq(stores.id, order.storeId)),
    scope.first(tables, and(eq(tables.id, order.tableId), eq(tables.storeId, order.storeId))),
  ]);
  return { merchantName: merchant?.name ?? "", storeName: store?.name ?? order.tableName, tableCode: table?.code ?? "", origin };
}

/**
 * Asks the provider to take a reserved payment and tells the object: pending (with where the
 * guest pays) or failed (its reservation released). When the provider's answer could not be
 * trusted or did not come, the payment is also cancelled there, so it can never succeed after we
 * gave it up.
 */
export async function submitPayment(env: ProviderEnv, db: Db, table: PaymentTable, order: PaymentOrder, defer: Defer): Promise<Submitted> {
  const provider = tryProvider(env);
  if (!provider) {
    await table.paymentCreated(order.id, { ok: false, code: "provider_unavailable", message: "Payments are not configured." });
    return unavailable("Payments are not available right now.");
  }
  const payee = await payeeOf(db, order, provider.config.publicOrigin);
  const request = order.productCode === "CASHIER_PAYMENT" ? cashierPayRequest(order, payee) : orderCodePayRequest(order, payee);
  const outcome = payOutcome(await provider.client.pay(request), order.productCode);
  const told = (await table.paymentCreated(order.id, outcome.created)) as Reply<{ payment: PaymentView }>;
  if (outcome.kind === "unreachable") defer(provider.client.cancel({ paymentRequestId: order.id }).catch(() => undefined));
  if (outcome.kind === "refused") {
    return { ok: false, status: 409, code: "payment_refused", message: `The wallet refused this payment: ${outcome.created.message}`, details: { providerCode: outcome.created.code } };
  }
  if (outcome.kind === "unreachable") return unavailable("The payment provider could not be reached; nothing was charged. Please try again.");
  if (!told.ok) return { ok: false, status: 409, code: told.error.code, message: told.error.message };
  return { ok: true, payment: told.payment, redirectUrl: outcome.created.ok ? outcome.created.redirectUrl : null, codeValue: outcome.created.ok ? outcome.created.codeValue : null };
}

/** What the provider's inquiry says of a payment, as a result for the object (null: still open, or unknown there). */
export function resultOfInquiry(r: InquiryPaymentResponse, now: number): PaymentResultInput | "open" | "not_found" | null {
  if (r.result.resultStatus !== "S") return r.result.resultCode === "ORDER_NOT_EXIST" ? "not_found" : null;
  switch (r.paymentStatus) {
    case "SUCCESS": {
      if (!r.paymentId || !r.paymentAmount) return null;
      const { minor, currency } = fromAmount(r.paymentAmount);
      return { status: "succeeded", providerPaymentId: r.paymentId, amount: minor, currency, paidAt: (r.paymentTime && parseRequestTime(r.paymentTime)) || now };
    }
    case "FAIL":
      return { status: "failed", providerPaymentId: r.paymentId ?? null, code: r.paymentResultCode ?? "FAIL", message: r.paymentResultMessage ?? "The payment failed." };
    case "CANCELLED":
      return { status: "cancelled", reason: "expired" };
    case "PROCESSING":
    case "PENDING":
      return "open";
    default:
      return null;
  }
}

export type Settled = { answer: PaymentResultAnswer | null; state: "settled" | "open" | "unknown" };

/**
 * Cancels a payment at the provider and, once it confirms, tells the object (`reason`). A payment
 * that ended meanwhile (paid, failed) is told as it ended instead. Never marks a payment cancelled
 * on our side alone: one the provider still holds could succeed.
 */
export async function cancelAtProvider(provider: Provider, table: PaymentTable, id: string, reason: "guest" | "expired" | "staff", now = Date.now()): Promise<Settled> {
  const cancel = await provider.client.cancel({ paymentRequestId: id });
  if (cancel.ok && cancel.response.result.resultStatus === "S") return { answer: await table.paymentResult(id, { status: "cancelled", reason }), state: "settled" };
  // Refused (e.g. already paid or closed) or no answer: ask how it stands.
  const inquiry = await provider.client.inquiryPayment({ paymentRequestId: id });
  if (!inquiry.ok) return { answer: null, state: "unknown" };
  const result = resultOfInquiry(inquiry.response, now);
  if (result === null || result === "open") return { answer: null, state: result === "open" ? "open" : "unknown" };
  // The provider never had it: our pay call failed long ago, nothing can be charged.
  const told = result === "not_found" ? { status: "cancelled" as const, reason } : result.status === "cancelled" ? { ...result, reason } : result;
  return { answer: await table.paymentResult(id, told), state: "settled" };
}
