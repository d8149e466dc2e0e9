import { z } from "@hono/zod-openapi";
import { MAX_AMOUNT } from "../domain/payments/money";
import { MAX_SPLIT_PARTS, MIN_SPLIT_PARTS } from "../domain/payments/split";
import { WALLET_TYPES, type WalletType } from "../domain/payments/wallets";

/** The pay sheet's and the printed bill's API shapes (guest and staff payments). */

const Minor = z.number().int().min(0).max(MAX_AMOUNT);
const Id = z.string().min(1).max(64);

export const WalletSchema = z.enum(WALLET_TYPES as [WalletType, ...WalletType[]]).openapi("Wallet");

export const PayRequestSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("whole") }),
    z.object({ kind: z.literal("shares"), parts: z.number().int().min(MIN_SPLIT_PARTS).max(MAX_SPLIT_PARTS), count: z.number().int().min(1).max(MAX_SPLIT_PARTS) }),
    z.object({ kind: z.literal("items"), itemIds: z.array(Id).min(1).max(200) }),
    z.object({ kind: z.literal("amount"), amount: Minor.min(1) }),
  ])
  .openapi("PayRequest", { description: "What this payment pays for: the whole rest, shares of an even split, chosen items, or an amount" });

export const TipChoiceSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("none") }),
    z.object({ kind: z.literal("preset"), bp: z.number().int().min(0).max(10_000) }),
    z.object({ kind: z.literal("custom"), amount: Minor }),
  ])
  .openapi("TipChoice");

export const StartPaymentSchema = z
  .object({
    request: PayRequestSchema,
    tip: TipChoiceSchema,
    wallet: WalletSchema,
    shown: z.object({ amount: Minor, tip: Minor }).openapi({ description: "What the pay sheet showed: a different price is refused (amount_changed)" }),
    requestId: z.string().min(1).max(64).optional().openapi({ description: "Client request id: a retry with the same id answers the same payment (never a second one)" }),
  })
  .openapi("StartPayment");

export const PaymentStatusSchema = z.enum(["created", "pending", "succeeded", "failed", "cancelled", "partly_refunded", "refunded"]);

export const PaymentViewSchema = z
  .object({
    id: z.string().openapi({ description: "Our paymentRequestId" }),
    payerId: z.string(),
    payerName: z.string(),
    amount: z.number().int().openapi({ description: "The bill part, minor units" }),
    tip: z.number().int(),
    currency: z.string(),
    status: PaymentStatusSchema,
    wallet: WalletSchema.nullable(),
    cover: z.enum(["whole", "shares", "items", "amount"]),
    createdAt: z.number(),
    settledAt: z.number().nullable(),
    reason: z.string().nullable(),
  })
  .openapi("Payment");

/** The bill as the object builds it (BillView in src/table/protocol.ts); described, not parsed. */
export const BillViewSchema = z.record(z.string(), z.unknown()).openapi("Bill", { description: "state (bill, split, reservations), progress, payments, tips, wallets, timing" });

export const BillAnswerSchema = z.object({
  bill: BillViewSchema.nullable(),
  preselected: WalletSchema.nullable().openapi({ description: "The wallet whose app this browser is, when the store accepts it" }),
});

export const StartedPaymentSchema = z.object({
  payment: PaymentViewSchema,
  redirectUrl: z.string().openapi({ description: "The wallet's page (normalUrl): send the guest there" }),
});

export const PaymentOrderSchema = z
  .object({
    id: z.string(),
    billId: z.string(),
    amount: z.number().int(),
    tip: z.number().int(),
    currency: z.string(),
    wallet: WalletSchema,
    productCode: z.enum(["CASHIER_PAYMENT", "IN_STORE_PAYMENT"]),
    merchantId: z.string(),
    storeId: z.string(),
    tableId: z.string(),
    tableName: z.string(),
    expiresAt: z.number(),
  })
  .openapi("PaymentOrder");

export const BillCodeSchema = z.object({
  order: PaymentOrderSchema,
  codeValue: z.string().openapi({ description: "What the QR code encodes (the provider's order code)" }),
  qrSvg: z.string().openapi({ description: "The code as an SVG QR code" }),
  printUrl: z.string().openapi({ description: "The printable bill with this code" }),
  timeZone: z.string().openapi({ description: "The store's time zone, in which the code's expiry is shown" }),
});
