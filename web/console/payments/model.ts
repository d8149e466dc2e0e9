/** Labels, money, percentages and times of the console's payment pages. */
import { formatPrice, parsePrice } from "../../../src/domain/menu/money";
import { WALLETS, isWalletType } from "../../../src/domain/payments/wallets";
import { path } from "../../shared/api";

export type { BillDetail, NotificationRow, PaymentList, PaymentRow, PaymentStateName, RefundResult, RefundRow } from "../../../src/api/payments-console";
export type { PaymentSettingsBody, PaymentSettingsResponse } from "../../../src/api/payment-settings";

export const money = (minor: number, currency: string) => formatPrice(minor, currency, navigator.language || "en");
export { parsePrice };

export const walletName = (type: string) => (isWalletType(type) ? WALLETS[type].name : type);

/** 850 bp → "8.5". */
export const bpToPercent = (bp: number) => String(bp / 100);

/** "8.5" (or "8,5") → 850 bp; null when it is not a percentage with at most two decimals. */
export function percentToBp(text: string): number | null {
  const t = text.trim().replace(",", ".").replace(/%$/, "").trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** A time in the store's zone. */
export function storeTime(ms: number | null, timeZone: string, withDate = false): string {
  if (!ms) return "—";
  const options: Intl.DateTimeFormatOptions = withDate ? { dateStyle: "medium", timeStyle: "short", timeZone } : { timeStyle: "short", timeZone };
  return new Intl.DateTimeFormat(undefined, options).format(new Date(ms));
}

export const STATE_LABELS: Record<string, { label: string; badge: string }> = {
  created: { label: "Created", badge: "" },
  pending: { label: "Pending", badge: "badge-off" },
  succeeded: { label: "Paid", badge: "badge-ok" },
  failed: { label: "Failed", badge: "badge-danger" },
  cancelled: { label: "Cancelled", badge: "" },
  partly_refunded: { label: "Partly refunded", badge: "badge-accent" },
  refunded: { label: "Refunded", badge: "badge-accent" },
  requested: { label: "Sent", badge: "badge-off" },
};

export const stateLabel = (state: string) => STATE_LABELS[state] ?? { label: state, badge: "" };

export const paymentsApi = {
  settings: (merchantId: string, storeId: string) => path`/api/merchants/${merchantId}/stores/${storeId}/payment-settings`,
  list: (merchantId: string, storeId: string) => path`/api/merchants/${merchantId}/stores/${storeId}/payments`,
  bill: (merchantId: string, billId: string) => path`/api/merchants/${merchantId}/bills/${billId}`,
  refunds: (merchantId: string, paymentId: string) => path`/api/merchants/${merchantId}/payments/${paymentId}/refunds`,
  inquiry: (merchantId: string, refundRequestId: string) => path`/api/merchants/${merchantId}/refunds/${refundRequestId}/inquiry`,
};

/** Our refund id: the merchant is in it (the server checks); kept across retries so a refund is never made twice. */
export function newRefundRequestId(merchantId: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const token = Array.from(bytes, (b) => "0123456789abcdefghjkmnpqrstvwxyz"[b & 31]).join("");
  return `rfd.${merchantId}.${token}`;
}
