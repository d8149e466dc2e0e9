import { z } from "zod";

/**
 * The Antom AMS message bodies (payments-protocol.md A4–A10) as zod schemas and their types.
 * Every non-array field is a JSON string; amounts are integer strings in minor units. Unknown
 * fields are dropped when parsing, so a provider that adds fields still parses.
 */

export { ANTOM_PATHS, SANDBOX_CLIENT_PREFIX, endpointOf, endpointPath, type AntomEndpoint } from "./paths";

// ── Amount ──────────────────────────────────────────────────────────────────────────────────

const CURRENCY = /^[A-Z]{3}$/;
/** Canonical non-negative integer: no sign, no leading zero, no decimal point, no exponent. */
const MINOR_UNITS = /^(0|[1-9][0-9]*)$/;

export const amountSchema = z.object({
  currency: z.string().regex(CURRENCY, "ISO 4217 code"),
  value: z
    .string()
    .regex(MINOR_UNITS, "integer string of minor units")
    .refine((v) => Number.isSafeInteger(Number(v)), "too large"),
});
export type Amount = z.infer<typeof amountSchema>;

/** Minor units and currency → the protocol's amount. Throws on a non-integer, negative or unsafe value. */
export function toAmount(minor: number, currency: string): Amount {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`amount must be a non-negative integer of minor units, got ${minor}`);
  if (!CURRENCY.test(currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${JSON.stringify(currency)}`);
  return { currency, value: String(minor) };
}

/** The protocol's amount → minor units. Strict: only a canonical integer string is accepted. */
export function fromAmount(amount: Amount): { minor: number; currency: string } {
  const parsed = amountSchema.safeParse(amount);
  if (!parsed.success) throw new RangeError(`not a protocol amount: ${JSON.stringify(amount)}`);
  return { minor: Number(parsed.data.value), currency: parsed.data.currency };
}

/** Same currency and same value. */
export function sameAmount(a: Amount, b: Amount): boolean {
  return a.currency === b.currency && a.value === b.value;
}

// ── Result ──────────────────────────────────────────────────────────────────────────────────

export const resultStatusSchema = z.enum(["S", "F", "U"]);
export type ResultStatus = z.infer<typeof resultStatusSchema>;

export const resultSchema = z.object({
  resultCode: z.string().min(1),
  resultStatus: resultStatusSchema,
  resultMessage: z.string().default(""),
});
export type Result = z.infer<typeof resultSchema>;

/** What every response must carry (the SDKs refuse a body without `result`). */
export const responseEnvelopeSchema = z.object({ result: resultSchema });

/** The acknowledgement a merchant answers a notification with (unsigned). */
export const ackBodySchema = responseEnvelopeSchema;
export type AckBody = z.infer<typeof ackBodySchema>;

// ── pay ─────────────────────────────────────────────────────────────────────────────────────

const id64 = z.string().min(1).max(64);
const url2048 = z.url().max(2048);

export const storeSchema = z.object({
  referenceStoreId: id64,
  storeName: z.string().min(1).max(256),
  // The docs write storeMCC, the samples and SDK storeMcc: both are accepted.
  storeMcc: z.string().optional(),
  storeMCC: z.string().optional(),
});

export const merchantSchema = z.object({
  referenceMerchantId: id64,
  merchantName: z.string().max(256).optional(),
  merchantMCC: z.string().optional(),
  store: storeSchema.optional(),
});

export const goodsSchema = z.object({
  referenceGoodsId: id64,
  goodsName: z.string().max(256),
  goodsQuantity: z.string().regex(MINOR_UNITS).optional(),
  goodsUnitAmount: amountSchema.optional(),
});

export const envSchema = z.object({
  terminalType: z.enum(["WEB", "WAP", "APP", "MINI_APP"]).optional(),
  osType: z.string().optional(),
  userAgent: z.string().optional(),
  storeTerminalId: z.string().optional(),
  storeTerminalRequestTime: z.string().optional(),
});

export const orderSchema = z.object({
  referenceOrderId: id64,
  orderDescription: z.string().min(1).max(256),
  orderAmount: amountSchema,
  merchant: merchantSchema.optional(),
  goods: z.array(goodsSchema).optional(),
  env: envSchema.optional(),
});

export const paymentMethodSchema = z.object({
  /** CONNECT_WALLET (Alipay+), ALIPAY_CN, ALIPAY_HK, … */
  paymentMethodType: z.string().min(1).max(64),
  paymentMethodId: z.string().optional(),
});

const payRequestCommon = {
  paymentRequestId: id64,
  order: orderSchema,
  paymentAmount: amountSchema,
  paymentMethod: paymentMethodSchema,
  paymentNotifyUrl: url2048.optional(),
  /** ISO-8601; for order codes "must be less than 30 minutes" away. */
  paymentExpiryTime: z.string().optional(),
  merchantRegion: z.string().optional(),
  merchantAccountId: z.string().max(32).optional(),
  settlementStrategy: z.object({ settlementCurrency: z.string().regex(CURRENCY) }).optional(),
  env: envSchema.optional(),
};

/** Online redirect: the guest is sent to the response's normalUrl. */
export const cashierPayRequestSchema = z.object({
  productCode: z.literal("CASHIER_PAYMENT"),
  paymentRedirectUrl: url2048,
  ...payRequestCommon,
});

/** Merchant-presented order code (the printed bill's QR code). */
export const orderCodePayRequestSchema = z.object({
  productCode: z.literal("IN_STORE_PAYMENT"),
  paymentFactor: z.object({ inStorePaymentScenario: z.literal("OrderCode") }),
  ...payRequestCommon,
});

export const payRequestSchema = z.discriminatedUnion("productCode", [cashierPayRequestSchema, orderCodePayRequestSchema]);
export type CashierPayRequest = z.infer<typeof cashierPayRequestSchema>;
export type OrderCodePayRequest = z.infer<typeof orderCodePayRequestSchema>;
export type PayRequest = z.infer<typeof payRequestSchema>;

export const codeDetailSchema = z.object({
  codeValue: z.string().min(1),
  /** TEXT | BIGIMAGE | MIDDLEIMAGE | SMALLIMAGE */
  displayType: z.string(),
});

export const orderCodeFormSchema = z.object({
  codeDetails: z.array(codeDetailSchema),
  expireTime: z.string().optional(),
  paymentMethodType: z.string().optional(),
  extendInfo: z.string().optional(),
});
export type OrderCodeForm = z.infer<typeof orderCodeFormSchema>;

/** The order code to render as a QR code: the TEXT entry's value. */
export function orderCodeValue(form: OrderCodeForm | undefined): string | null {
  return form?.codeDetails.find((d) => d.displayType === "TEXT")?.codeValue ?? null;
}

export const payResponseSchema = z.object({
  result: resultSchema,
  paymentRequestId: z.string().optional(),
  paymentId: z.string().optional(),
  paymentAmount: amountSchema.optional(),
  paymentCreateTime: z.string().optional(),
  paymentExpiryTime: z.string().optional(),
  normalUrl: z.string().optional(),
  schemeUrl: z.string().optional(),
  applinkUrl: z.string().optional(),
  redirectActionForm: z.object({ method: z.string(), redirectUrl: z.string() }).optional(),
  /** A JSON string, as the provider sends it. */
  paymentActionForm: z.string().optional(),
  orderCodeForm: orderCodeFormSchema.optional(),
  paymentData: z.string().optional(),
});
export type PayResponse = z.infer<typeof payResponseSchema>;

// ── inquiryPayment / cancel ─────────────────────────────────────────────────────────────────

/** Addresses a payment by our id or the provider's (at least one). */
const paymentRef = z
  .object({ paymentRequestId: id64.optional(), paymentId: id64.optional(), merchantAccountId: z.string().max(32).optional() })
  .refine((r) => r.paymentRequestId !== undefined || r.paymentId !== undefined, "paymentRequestId or paymentId is required");

export const inquiryPaymentRequestSchema = paymentRef;
export type InquiryPaymentRequest = z.infer<typeof inquiryPaymentRequestSchema>;

export const paymentStatusSchema = z.enum(["SUCCESS", "FAIL", "PROCESSING", "CANCELLED", "PENDING"]);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** `result` reports the inquiry call only; the payment's state is `paymentStatus`. */
export const inquiryPaymentResponseSchema = z.object({
  result: resultSchema,
  paymentStatus: paymentStatusSchema.optional(),
  paymentResultCode: z.string().optional(),
  paymentResultMessage: z.string().optional(),
  paymentRequestId: z.string().optional(),
  paymentId: z.string().optional(),
  paymentAmount: amountSchema.optional(),
  paymentCreateTime: z.string().optional(),
  paymentTime: z.string().optional(),
  paymentMethodType: z.string().optional(),
  acquirerReferenceNo: z.string().optional(),
});
export type InquiryPaymentResponse = z.infer<typeof inquiryPaymentResponseSchema>;

export const cancelRequestSchema = paymentRef;
export type CancelRequest = z.infer<typeof cancelRequestSchema>;

export const cancelResponseSchema = z.object({
  result: resultSchema,
  paymentId: z.string().optional(),
  paymentRequestId: z.string().optional(),
  cancelTime: z.string().optional(),
});
export type CancelResponse = z.infer<typeof cancelResponseSchema>;

// ── refund / inquiryRefund ──────────────────────────────────────────────────────────────────

export const refundRequestSchema = z.object({
  /** Idempotency key: retry a timed-out or U refund with the same one. */
  refundRequestId: id64,
  paymentId: id64,
  refundAmount: amountSchema,
  referenceRefundId: id64.optional(),
  refundReason: z.string().max(256).optional(),
  refundNotifyUrl: z.url().max(1024).optional(),
  merchantAccountId: z.string().max(32).optional(),
});
export type RefundRequest = z.infer<typeof refundRequestSchema>;

export const refundResponseSchema = z.object({
  result: resultSchema,
  refundRequestId: z.string().optional(),
  refundId: z.string().optional(),
  paymentId: z.string().optional(),
  refundAmount: amountSchema.optional(),
  refundTime: z.string().optional(),
});
export type RefundResponse = z.infer<typeof refundResponseSchema>;

export const inquiryRefundRequestSchema = z
  .object({ refundRequestId: id64.optional(), refundId: id64.optional(), merchantAccountId: z.string().max(32).optional() })
  .refine((r) => r.refundRequestId !== undefined || r.refundId !== undefined, "refundRequestId or refundId is required");
export type InquiryRefundRequest = z.infer<typeof inquiryRefundRequestSchema>;

export const refundStatusSchema = z.enum(["SUCCESS", "PROCESSING", "FAIL"]);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

export const inquiryRefundResponseSchema = z.object({
  result: resultSchema,
  refundStatus: refundStatusSchema.optional(),
  refundRequestId: z.string().optional(),
  refundId: z.string().optional(),
  paymentId: z.string().optional(),
  refundAmount: amountSchema.optional(),
  refundTime: z.string().optional(),
});
export type InquiryRefundResponse = z.infer<typeof inquiryRefundResponseSchema>;

// ── Notifications (provider → merchant) ─────────────────────────────────────────────────────

/**
 * PAYMENT_RESULT is final (result S = paid, F = failed); PAYMENT_PENDING means the user is done
 * and the final result follows.
 */
export const notifyPaymentSchema = z.object({
  notifyType: z.enum(["PAYMENT_RESULT", "PAYMENT_PENDING"]),
  result: resultSchema,
  paymentRequestId: id64,
  paymentId: z.string().optional(),
  paymentAmount: amountSchema,
  paymentCreateTime: z.string().optional(),
  paymentTime: z.string().optional(),
  actualPaymentAmount: amountSchema.optional(),
  paymentMethodType: z.string().optional(),
});
export type NotifyPayment = z.infer<typeof notifyPaymentSchema>;

export const notifyRefundSchema = z.object({
  notifyType: z.literal("REFUND_RESULT"),
  result: resultSchema,
  refundStatus: z.enum(["SUCCESS", "FAIL"]),
  refundRequestId: id64,
  refundId: z.string().optional(),
  paymentId: z.string().optional(),
  refundAmount: amountSchema,
  refundTime: z.string().optional(),
});
export type NotifyRefund = z.infer<typeof notifyRefundSchema>;

export const notificationSchema = z.discriminatedUnion("notifyType", [notifyPaymentSchema, notifyRefundSchema]);
export type AntomNotification = z.infer<typeof notificationSchema>;
