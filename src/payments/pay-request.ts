import { orderCodeValue, toAmount, type CashierPayRequest, type OrderCodePayRequest, type PayResponse } from "./antom/messages";
import type { AntomCall } from "./antom/client";
import type { CreatedOutcome, PaymentOrder } from "./table-rpc";

/**
 * The provider's `pay` request for an order the table object reserved, and what its answer means
 * for the object (payments-protocol.md A5, A6). Pure: no I/O.
 */

/** Who is paid, as the provider is told (the platform acts as the ISV; each merchant is named in `order.merchant`). */
export interface Payee {
  merchantName: string;
  storeName: string;
  /** The table's QR code: the guest comes back to /q/<code>. */
  tableCode: string;
  /** Our public origin, no trailing slash. */
  origin: string;
}

export const notifyUrl = (origin: string) => `${origin}/api/payments/antom/notify`;
export const returnUrl = (origin: string, tableCode: string, paymentId: string) => `${origin}/q/${tableCode}?payment=${encodeURIComponent(paymentId)}`;

/** ISO-8601 with an explicit zone and no fraction, as the provider's examples write it. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");

function common(order: PaymentOrder, payee: Payee) {
  const amount = toAmount(order.amount + order.tip, order.currency);
  return {
    paymentRequestId: order.id,
    order: {
      referenceOrderId: order.billId.slice(0, 64),
      orderDescription: `${payee.storeName} · ${order.tableName}`.slice(0, 256),
      orderAmount: amount,
      merchant: {
        referenceMerchantId: order.merchantId,
        merchantName: payee.merchantName.slice(0, 256),
        store: { referenceStoreId: order.storeId, storeName: payee.storeName.slice(0, 256) },
      },
    },
    paymentAmount: amount,
    paymentMethod: { paymentMethodType: order.wallet },
    paymentNotifyUrl: notifyUrl(payee.origin),
    paymentExpiryTime: isoSeconds(order.expiresAt),
    settlementStrategy: { settlementCurrency: order.currency },
  };
}

/** A guest's payment from the table page: the wallet's page, then back to the table. */
export function cashierPayRequest(order: PaymentOrder, payee: Payee): CashierPayRequest {
  return {
    productCode: "CASHIER_PAYMENT",
    ...common(order, payee),
    paymentRedirectUrl: returnUrl(payee.origin, payee.tableCode, order.id),
    env: { terminalType: "WAP" },
  };
}

/** The printed bill's payment code (merchant-presented order code). */
export function orderCodePayRequest(order: PaymentOrder, payee: Payee): OrderCodePayRequest {
  return { productCode: "IN_STORE_PAYMENT", paymentFactor: { inStorePaymentScenario: "OrderCode" }, ...common(order, payee) };
}

/**
 * What the provider's answer to `pay` tells the object: taken (pending, with where the guest pays)
 * or not. `retryable` failures leave the outcome unknown at the provider (no verified answer):
 * the caller cancels there too, so a payment we gave up on can never succeed later.
 */
export type PayOutcome = { created: CreatedOutcome; kind: "taken" } | { created: Extract<CreatedOutcome, { ok: false }>; kind: "refused" | "unreachable" };

export function payOutcome(call: AntomCall<PayResponse>, productCode: PaymentOrder["productCode"]): PayOutcome {
  if (!call.ok) {
    const message = call.kind === "http" ? `HTTP ${call.status}` : call.kind === "unverified" ? `unverified answer (${call.reason})` : call.message;
    return { kind: "unreachable", created: { ok: false, code: "provider_unavailable", message: `The payment provider did not answer properly: ${message}`.slice(0, 300) } };
  }
  const r = call.response;
  if (r.result.resultStatus === "F") return { kind: "refused", created: { ok: false, code: r.result.resultCode, message: r.result.resultMessage || r.result.resultCode } };
  const redirectUrl = productCode === "CASHIER_PAYMENT" ? (r.normalUrl ?? r.redirectActionForm?.redirectUrl ?? null) : null;
  const codeValue = productCode === "IN_STORE_PAYMENT" ? orderCodeValue(r.orderCodeForm) : null;
  const usable = productCode === "CASHIER_PAYMENT" ? redirectUrl !== null && /^https?:\/\//.test(redirectUrl) : codeValue !== null;
  if (!r.paymentId || !usable) {
    return { kind: "unreachable", created: { ok: false, code: "provider_unavailable", message: "The payment provider's answer has no payment id or nowhere to pay." } };
  }
  return { kind: "taken", created: { ok: true, providerPaymentId: r.paymentId, redirectUrl, codeValue } };
}
