import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, IdParam, jsonBody, jsonOk } from "../schemas";
import { ApiError, notFound } from "../errors";
import { asGuest, tokenOf } from "./guest-api";
import { BillAnswerSchema, PaymentViewSchema, StartedPaymentSchema, StartPaymentSchema } from "../../api/payments";
import { tableOfPayment } from "../../domain/payments/ids";
import { preselectWallet } from "../../domain/payments/wallets";
import { cancelAtProvider, submitPayment, tryProvider, type EdgeFailure } from "../../payments/service";
import { tableObject, type PaymentOf, type PaymentTable } from "../../payments/table-rpc";
import { receiptPath } from "../../pages/receipt-link";
import { tables } from "../../db/schema";
import { eq } from "drizzle-orm";

/**
 * Paying at the table, with the table token of /api/guest/session (see guest-api.ts): the bill,
 * starting a payment (the object reserves it, the provider takes it, the guest goes to the
 * wallet's page), the payment's state for the return page, and cancelling one's own payment.
 */
export const guestPaymentRoutes = createRouter();

const tags = ["guest payments"];
const security = [{ tableToken: [] }];
const errorsAnd502 = { ...errors, 502: errors[409] };

function fail(f: EdgeFailure): never {
  throw new ApiError(f.status, f.code, f.message, f.details);
}

guestPaymentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/session/bill",
    tags,
    security,
    summary: "The table's bill, who is paying what, and the wallet to preselect for this browser",
    responses: { 200: jsonOk(BillAnswerSchema), ...errors },
  }),
  async (c) => {
    const r = await asGuest(c, (stub, caller) => stub.billView(caller));
    const preselected = r.bill ? preselectWallet(c.req.header("user-agent"), r.bill.wallets) : null;
    return c.json({ bill: r.bill as unknown as Record<string, unknown> | null, preselected }, 200);
  },
);

guestPaymentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/session/payments",
    tags,
    security,
    summary: "Pay (part of) the bill with a tip: answers where to send the guest (the wallet's page)",
    description:
      "The amount is reserved at once, so two guests never pay the same item or more than is owed; `shown` must be what the pay sheet " +
      "showed (409 amount_changed otherwise). A refusal by the wallet is 409 payment_refused, a provider that does not answer 502 " +
      "provider_unavailable; either way nothing is charged and the reservation is released.",
    request: { body: jsonBody(StartPaymentSchema) },
    responses: { 201: jsonOk(StartedPaymentSchema, "Created: redirect the guest to redirectUrl"), ...errorsAnd502 },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const { order } = await asGuest(c, (stub, caller) => stub.startPayment(caller, input));
    const submitted = await submitPayment(c.env, c.var.db, tableObject(c.env, order.tableId), order, (p) => c.executionCtx.waitUntil(p));
    if (!submitted.ok) fail(submitted);
    return c.json({ payment: submitted.payment, redirectUrl: submitted.redirectUrl ?? "" }, 201);
  },
);

const ReceiptLink = z.string().openapi({ description: "The bill's signed receipt page (/receipt/…), printable, in the guest's language" });

const paymentParams = z.object({ paymentId: IdParam("paymentId") });

/** A payment of the token's table and session (also after the session closed: the return page asks then). */
async function ownPayment(c: Context<AppEnv>, paymentId: string): Promise<{ found: PaymentOf; table: PaymentTable; dinerId: string }> {
  const token = await tokenOf(c);
  const tableId = tableOfPayment(paymentId);
  if (tableId !== token.t) throw notFound("Payment");
  const table = tableObject(c.env, tableId);
  const found = await table.paymentOf(paymentId);
  if (!found || !found.order.billId.startsWith(`${token.s}.`)) throw notFound("Payment");
  return { found, table, dinerId: token.d };
}

guestPaymentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/session/payments/{paymentId}",
    tags,
    security,
    summary: "One payment of this table's session (the return page's fallback to the live socket)",
    request: { params: paymentParams },
    responses: {
      200: jsonOk(z.object({ payment: PaymentViewSchema, receiptUrl: ReceiptLink.optional(), paymentReceiptUrl: z.string().optional().openapi({ description: "This payment's own signed receipt page, once it took money" }) })),
      ...errors,
    },
  }),
  async (c) => {
    const { found } = await ownPayment(c, c.req.valid("param").paymentId);
    c.header("cache-control", "no-store");
    const paid = found.payment.status === "succeeded" || found.payment.status === "partly_refunded" || found.payment.status === "refunded";
    if (!paid) return c.json({ payment: found.payment }, 200);
    const { merchantId, billId, id: paymentId } = found.order;
    return c.json({ payment: found.payment, receiptUrl: await receiptPath(c.env, merchantId, billId), paymentReceiptUrl: await receiptPath(c.env, merchantId, billId, paymentId) }, 200);
  },
);

guestPaymentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/session/receipt/{billId}",
    tags,
    security,
    summary: "The receipt link of a bill of this table's session (also once the session ended paid)",
    request: { params: z.object({ billId: IdParam("billId") }) },
    responses: { 200: jsonOk(z.object({ receiptUrl: ReceiptLink })), ...errors },
  }),
  async (c) => {
    const { billId } = c.req.valid("param");
    const token = await tokenOf(c);
    if (!billId.startsWith(`${token.s}.`)) throw notFound("Bill");
    const [table] = await c.var.db.select({ merchantId: tables.merchantId }).from(tables).where(eq(tables.id, token.t)).limit(1);
    if (!table) throw notFound("Bill");
    c.header("cache-control", "no-store");
    return c.json({ receiptUrl: await receiptPath(c.env, table.merchantId, billId) }, 200);
  },
);

guestPaymentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/session/payments/{paymentId}/cancel",
    tags,
    security,
    summary: "Cancel your own payment that is still open (at the provider first; its reservation is then released)",
    request: { params: paymentParams },
    responses: { 200: jsonOk(z.object({ payment: PaymentViewSchema })), ...errorsAnd502 },
  }),
  async (c) => {
    const { paymentId } = c.req.valid("param");
    const { found, table, dinerId } = await ownPayment(c, paymentId);
    if (found.payment.payerId !== dinerId) throw new ApiError(403, "not_your_payment", "Only the guest who started a payment can cancel it.");
    if (found.payment.status !== "created" && found.payment.status !== "pending") {
      throw new ApiError(409, "not_cancellable", `This payment is already ${found.payment.status}.`, { payment: found.payment });
    }
    const provider = tryProvider(c.env);
    if (!provider) throw new ApiError(502, "provider_unavailable", "Payments are not available right now.");
    const settled = await cancelAtProvider(provider, table, paymentId, "guest");
    if (settled.state !== "settled") {
      throw new ApiError(502, "provider_unavailable", "The payment provider did not confirm the cancellation; try again in a moment.");
    }
    const now = await table.paymentOf(paymentId);
    return c.json({ payment: (settled.answer?.payment ?? now?.payment ?? found.payment) }, 200);
  },
);
