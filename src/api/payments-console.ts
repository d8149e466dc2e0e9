import { z } from "@hono/zod-openapi";
import { MAX_REFUND_REASON } from "../domain/payments/refunds";
import { MAX_AMOUNT } from "../domain/payments/money";

/**
 * What the console reads of a merchant's ledger (payments per store and day, a bill with its
 * payments, refunds and the notifications received for them) and the refund it asks for.
 * Money: integer minor units of `currency`; times: UTC epoch milliseconds.
 */

export const PAYMENT_STATES = ["created", "pending", "succeeded", "failed", "cancelled", "partly_refunded", "refunded"] as const;
export const PaymentStateSchema = z.enum(PAYMENT_STATES).openapi("PaymentState");
export const RefundStateSchema = z.enum(["requested", "pending", "succeeded", "failed"]).openapi("RefundState");

export const PaymentRowSchema = z
  .object({
    id: z.string().openapi({ description: "Our paymentRequestId" }),
    billId: z.string(),
    storeId: z.string(),
    tableId: z.string(),
    tableName: z.string().nullable(),
    providerPaymentId: z.string().nullable(),
    wallet: z.string().openapi({ description: "paymentMethodType (CONNECT_WALLET, ALIPAY_CN, …)" }),
    productCode: z.enum(["CASHIER_PAYMENT", "IN_STORE_PAYMENT"]),
    amount: z.number().int().openapi({ description: "The bill part" }),
    tip: z.number().int(),
    charged: z.number().int().openapi({ description: "amount + tip" }),
    refunded: z.number().int().openapi({ description: "Σ succeeded refunds" }),
    refundable: z.number().int().openapi({ description: "What may still be refunded: charged minus refunds succeeded or in flight" }),
    currency: z.string(),
    state: PaymentStateSchema,
    failureCode: z.string().nullable(),
    createdAt: z.number().int(),
    settledAt: z.number().int().nullable(),
  })
  .openapi("PaymentRow");

export const PaymentListSchema = z
  .object({
    storeId: z.string(),
    day: z.string().openapi({ description: "The store's local day, YYYY-MM-DD" }),
    timeZone: z.string(),
    from: z.number().int().openapi({ description: "The day's first millisecond (UTC)" }),
    to: z.number().int().openapi({ description: "The next day's first millisecond (UTC)" }),
    payments: z.array(PaymentRowSchema),
    totals: z.object({ currency: z.string(), count: z.number().int(), paid: z.number().int(), tips: z.number().int(), refunded: z.number().int() }),
  })
  .openapi("PaymentList");

export const PaymentListQuery = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a day like 2026-03-14.")
    .optional()
    .openapi({ param: { name: "day", in: "query" }, description: "The store's local day (default: today there)" }),
  state: PaymentStateSchema.optional().openapi({ param: { name: "state", in: "query" } }),
});

export const BillLineSchema = z.object({
  itemId: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  amount: z.number().int(),
  service: z.number().int(),
  tax: z.number().int(),
  due: z.number().int().openapi({ description: "What this dish costs its payer (its share of service and tax included): a dish's refund" }),
});

export const BillSchema = z
  .object({
    id: z.string(),
    storeId: z.string(),
    sessionId: z.string(),
    tableId: z.string(),
    tableName: z.string().nullable(),
    billNo: z.number().int(),
    currency: z.string(),
    taxMode: z.enum(["inclusive", "added"]),
    taxRateBp: z.number().int(),
    serviceBp: z.number().int(),
    subtotal: z.number().int(),
    service: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    paid: z.number().int(),
    tips: z.number().int(),
    refunded: z.number().int(),
    status: z.enum(["open", "partly_paid", "paid"]),
    lines: z.array(BillLineSchema),
    openedAt: z.number().int(),
    closedAt: z.number().int().nullable(),
  })
  .openapi("Bill");

export const RefundRowSchema = z
  .object({
    refundRequestId: z.string(),
    paymentId: z.string(),
    billId: z.string(),
    providerRefundId: z.string().nullable(),
    amount: z.number().int(),
    currency: z.string(),
    state: RefundStateSchema,
    failureCode: z.string().nullable(),
    reason: z.string(),
    actor: z.string(),
    createdAt: z.number().int(),
    settledAt: z.number().int().nullable(),
  })
  .openapi("Refund");

export const NotificationRowSchema = z
  .object({
    id: z.string(),
    notifyType: z.string().nullable(),
    paymentId: z.string().nullable(),
    refundRequestId: z.string().nullable(),
    verdict: z.enum(["accepted", "duplicate", "rejected"]),
    rejectReason: z.string().nullable(),
    receivedAt: z.number().int(),
    rawBody: z.string(),
  })
  .openapi("PaymentNotification");

export const BillDetailSchema = z
  .object({
    bill: BillSchema,
    timeZone: z.string(),
    payments: z.array(PaymentRowSchema),
    refunds: z.array(RefundRowSchema),
    notifications: z.array(NotificationRowSchema),
    receiptUrl: z.string().openapi({ description: "The signed receipt link a guest can open without signing in" }),
    paymentReceipts: z.record(z.string(), z.string()).openapi({ description: "Each payment that took money: its own signed receipt link, by payment id" }),
  })
  .openapi("BillDetail");

/** Ours, chosen before the provider is called: `rfd.<merchantId>.<token>` (the notify route finds the ledger from it). */
export const REFUND_ID_PATTERN = /^rfd\.[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{8,32}$/;

export const RefundInputSchema = z
  .object({
    amount: z.number().int().min(1).max(MAX_AMOUNT).openapi({ description: "Minor units of the payment's currency" }),
    reason: z.string().trim().max(MAX_REFUND_REASON).default(""),
    refundRequestId: z
      .string()
      .max(64)
      .regex(REFUND_ID_PATTERN, "Use rfd.<merchantId>.<8 to 32 letters, digits, _ or ->.")
      .optional()
      .openapi({ description: "Idempotency key: the same id answers the same refund and never refunds twice" }),
  })
  .openapi("RefundInput");

export const RefundResultSchema = z.object({ refund: RefundRowSchema, payment: PaymentRowSchema });

export type PaymentRow = z.infer<typeof PaymentRowSchema>;
export type PaymentList = z.infer<typeof PaymentListSchema>;
export type BillView = z.infer<typeof BillSchema>;
export type BillDetail = z.infer<typeof BillDetailSchema>;
export type RefundRow = z.infer<typeof RefundRowSchema>;
export type NotificationRow = z.infer<typeof NotificationRowSchema>;
export type RefundInput = z.infer<typeof RefundInputSchema>;
export type RefundResult = z.infer<typeof RefundResultSchema>;
export type PaymentStateName = z.infer<typeof PaymentStateSchema>;
