import { createRoute, z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import { createRouter } from "../router";
import type { AppEnv } from "../app-env";
import { errors, jsonBody, jsonOk, IdParam } from "../schemas";
import { MANAGERS, requireMerchant } from "../middleware/tenant";
import { callOf } from "../actor";
import { PaymentSettingsPatchSchema, PaymentSettingsResponseSchema } from "../../api/payment-settings";
import { BillDetailSchema, PaymentListQuery, PaymentListSchema, RefundInputSchema, RefundResultSchema, RefundRowSchema } from "../../api/payments-console";
import { getPaymentSettings, updatePaymentSettings } from "../../services/payment-settings";
import { billDetail, inFlightByPayment, listPayments, toPaymentRow, toRefundRow } from "../../services/payments-report";
import { inquireRefund, refundPayment } from "../../services/refunds";
import { Refusal } from "../../services/errors";
import { TenantScope } from "../../db/scope";
import { receiptPath, verifyReceiptKey } from "../../pages/receipt-link";
import { hasReceipt, renderReceipt, renderReceiptNotFound } from "../../pages/receipt";
import { RECEIPT_LANGUAGES } from "../../pages/receipt-strings";
import { chooseLanguage } from "../../pages/language";

const MerchantParams = z.object({ merchantId: IdParam("merchantId") });
const StoreParams = MerchantParams.extend({ storeId: IdParam("storeId") });
const security = [{ session: [] }];

/** The console's side of payments: store payment settings, payments per day, a bill's detail, refunds. */
export const paymentsConsoleRoutes = createRouter();

paymentsConsoleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/payment-settings",
    tags: ["console"],
    summary: "A store's payment settings (the defaults until it saves its own)",
    security,
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: StoreParams },
    responses: { 200: jsonOk(PaymentSettingsResponseSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => c.json(await getPaymentSettings(c.var.scope, c.req.valid("param").storeId), 200),
);

paymentsConsoleRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/stores/{storeId}/payment-settings",
    tags: ["console"],
    summary: "Change a store's accepted wallets, tax, service charge, tips or when guests pay",
    security,
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: StoreParams, body: jsonBody(PaymentSettingsPatchSchema) },
    responses: { 200: jsonOk(PaymentSettingsResponseSchema), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => c.json(await updatePaymentSettings(callOf(c), c.req.valid("param").storeId, c.req.valid("json")), 200),
);

paymentsConsoleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/payments",
    tags: ["console"],
    summary: "A store's payments on one of its local days, newest first, optionally in one state",
    security,
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: StoreParams, query: PaymentListQuery },
    responses: { 200: jsonOk(PaymentListSchema), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => c.json(await listPayments(c.var.scope, c.req.valid("param").storeId, c.req.valid("query")), 200),
);

paymentsConsoleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/bills/{billId}",
    tags: ["console"],
    summary: "A bill with its lines, payments, refunds and the notifications received for them",
    security,
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: MerchantParams.extend({ billId: IdParam("billId") }) },
    responses: { 200: jsonOk(BillDetailSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { billId } = c.req.valid("param");
    const { store: _, ...detail } = await billDetail(c.var.scope, billId, c.var.access.storeId);
    const merchantId = c.var.scope.merchantId;
    const paymentReceipts = Object.fromEntries(await Promise.all(detail.payments.filter(hasReceipt).map(async (p) => [p.id, await receiptPath(c.env, merchantId, billId, p.id)] as const)));
    return c.json({ ...detail, receiptUrl: await receiptPath(c.env, merchantId, billId), paymentReceipts }, 200);
  },
);

paymentsConsoleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/payments/{paymentId}/refunds",
    tags: ["console"],
    summary: "Refund all or part of a succeeded payment (idempotent by refundRequestId)",
    description:
      "Never more than was paid minus what is refunded or in flight (409 refund_exceeds_paid). The same refundRequestId answers the same refund (200) and never refunds twice. The refund's state says what the provider answered: succeeded, failed, or pending (asked about later).",
    security,
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: MerchantParams.extend({ paymentId: IdParam("paymentId") }), body: jsonBody(RefundInputSchema) },
    responses: {
      200: jsonOk(RefundResultSchema, "A retry: the refund asked for before"),
      201: jsonOk(RefundResultSchema, "Refund asked for"),
      400: errors[400],
      403: errors[403],
      404: errors[404],
      409: errors[409],
    },
  }),
  async (c) => {
    const { paymentId } = c.req.valid("param");
    const done = await refundPayment({ ...callOf(c), env: c.env }, paymentId, c.req.valid("json"));
    const held = inFlightByPayment(done.refunds).get(paymentId) ?? 0;
    const body = { refund: toRefundRow(done.refund), payment: toPaymentRow(done.payment, new Map(), held) };
    return done.created ? c.json(body, 201) : c.json(body, 200);
  },
);

paymentsConsoleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/refunds/{refundRequestId}/inquiry",
    tags: ["console"],
    summary: "Ask the provider about a refund still in flight",
    security,
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: MerchantParams.extend({ refundRequestId: IdParam("refundRequestId") }) },
    responses: { 200: jsonOk(z.object({ refund: RefundRowSchema })), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const refund = await inquireRefund(c.env, c.var.scope, c.req.valid("param").refundRequestId, c.var.access.storeId);
    return c.json({ refund: toRefundRow(refund) }, 200);
  },
);

/**
 * /receipt/<merchantId>/<billId>?k=<key>: a bill's printable receipt for guests, without signing
 * in; the key (receipt-link.ts) is checked before anything is read.
 */
export const receiptPages = new Hono<AppEnv>();

async function receiptPage(c: Context<AppEnv>, merchantId: string, billId: string, paymentId?: string) {
  const { lang } = chooseLanguage(c, RECEIPT_LANGUAGES);
  const headers = { "cache-control": "private, no-store", "content-language": lang, vary: "Accept-Language, Cookie" };
  const notFound = () => c.html(renderReceiptNotFound(lang), 404, headers);
  if (!(await verifyReceiptKey(c.env, merchantId, billId, c.req.query("k"), paymentId))) return notFound();
  const scope = new TenantScope(c.var.db, merchantId);
  const merchant = await scope.merchantRow();
  if (!merchant) return notFound();
  try {
    const detail = await billDetail(scope, billId, null);
    if (paymentId !== undefined && !detail.payments.some((p) => p.id === paymentId && hasReceipt(p))) return notFound();
    return c.html(renderReceipt({ lang, merchantName: merchant.name, store: detail.store, bill: detail.bill, payments: detail.payments, refunds: detail.refunds, paymentId }), 200, headers);
  } catch (e) {
    if (e instanceof Refusal && e.kind === "not_found") return notFound();
    throw e;
  }
}

receiptPages.get("/:merchantId/:billId", (c) => receiptPage(c, c.req.param("merchantId"), c.req.param("billId")));
receiptPages.get("/:merchantId/:billId/:paymentId", (c) => receiptPage(c, c.req.param("merchantId"), c.req.param("billId"), c.req.param("paymentId")));
