import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, IdParam, jsonOk } from "../schemas";
import { ApiError, errorStatus, notFound } from "../errors";
import { requireMerchant, type MerchantRole } from "../middleware/tenant";
import { requireAuth } from "../middleware/session";
import { actorOf } from "../actor";
import { stores, tables } from "../../db/schema";
import { tenantAudit } from "../../services/audit";
import { BillCodeSchema } from "../../api/payments";
import { tableOfPayment } from "../../domain/payments/ids";
import type { DomainError } from "../../domain/cart/errors";
import type { TableRef } from "../../table/store";
import { tableQrSvg } from "../../pages/qr";
import { renderBillSheet } from "../../pages/bill-sheet";
import { submitPayment } from "../../payments/service";
import { tableObject, type PaymentOrder } from "../../payments/table-rpc";
import type { Reply } from "../../table/table-session";

/**
 * The printed bill's payment code, for guests who never opened the table page: staff ask for an
 * order code for everything still owed (the provider's in-store OrderCode payment); its QR code
 * opens the wallet (the sandbox wallet's own page locally). Paying it settles the same bill.
 */
export const billCodeRoutes = createRouter();

const FLOOR_ROLES: MerchantRole[] = ["owner", "manager", "waiter"];
const tags = ["staff board"];
const security = [{ session: [] }];
const tableParams = z.object({ merchantId: IdParam("merchantId"), storeId: IdParam("storeId"), tableId: IdParam("tableId") });

/** The table within the tenant (staff limited to one store reach only that store's tables). */
async function tableRefOf(c: Context<AppEnv>, storeId: string, tableId: string) {
  if (c.var.access.storeId && c.var.access.storeId !== storeId) throw notFound("Store");
  const store = await c.var.scope.first(stores, eq(stores.id, storeId));
  const table = store ? await c.var.scope.first(tables, and(eq(tables.id, tableId), eq(tables.storeId, storeId))) : undefined;
  if (!store || !table) throw notFound("Table");
  const ref: TableRef = { merchantId: table.merchantId, storeId, tableId: table.id, tableName: table.name };
  return { store, ref };
}

const domainError = (e: DomainError) => new ApiError(errorStatus(e.code), e.code, e.message, e.details);
const printPath = (p: { merchantId: string; storeId: string; tableId: string }, paymentId: string) =>
  `/api/merchants/${p.merchantId}/stores/${p.storeId}/floor/tables/${p.tableId}/bill-code/${encodeURIComponent(paymentId)}`;

billCodeRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/bill-code",
    tags,
    security,
    summary: "A payment code (QR) for everything the table still owes, to show or print with the bill",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: tableParams },
    responses: { 201: jsonOk(BillCodeSchema, "Created"), ...errors, 502: errors[409] },
  }),
  async (c) => {
    const params = c.req.valid("param");
    const { store, ref } = await tableRefOf(c, params.storeId, params.tableId);
    const table = tableObject(c.env, ref.tableId);
    const started = (await table.startBillCode(ref)) as Reply<{ order: PaymentOrder }>;
    if (!started.ok) throw domainError(started.error);
    const { order } = started;
    const submitted = await submitPayment(c.env, c.var.db, table, order, (p) => c.executionCtx.waitUntil(p));
    if (!submitted.ok) throw new ApiError(submitted.status, submitted.code, submitted.message, submitted.details);
    const codeValue = submitted.codeValue ?? "";
    await tenantAudit(c.var.scope, actorOf(c), { action: "payment.bill_code", target: order.id, data: { tableId: ref.tableId, amount: order.amount, currency: order.currency } });
    const qrSvg = tableQrSvg(codeValue, `Payment code for ${ref.tableName}`);
    return c.json({ order, codeValue, qrSvg, printUrl: printPath(params, order.id), timeZone: store.timeZone }, 201);
  },
);

billCodeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/bill-code/{paymentId}",
    tags,
    security,
    summary: "The printable bill (HTML): lines, totals and the payment code's QR",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: tableParams.extend({ paymentId: IdParam("paymentId") }) },
    responses: { 200: { description: "HTML page", content: { "text/html": { schema: z.string() } } }, 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { storeId, tableId, paymentId } = c.req.valid("param");
    const { store, ref } = await tableRefOf(c, storeId, tableId);
    if (tableOfPayment(paymentId) !== ref.tableId) throw notFound("Payment");
    const table = tableObject(c.env, ref.tableId);
    const found = await table.paymentOf(paymentId);
    if (!found || found.order.productCode !== "IN_STORE_PAYMENT" || !found.codeValue) throw notFound("Payment");
    const auth = requireAuth(c);
    const view = await table.billView({ kind: "staff", userId: auth.user.id, name: auth.user.name || auth.user.email, ref });
    const bill = view.ok ? view.bill : null;
    if (!bill) throw notFound("Bill");
    const merchant = await c.var.scope.merchantRow();
    const html = renderBillSheet({
      merchantName: merchant?.name ?? "",
      storeName: store.name,
      tableName: ref.tableName,
      locale: store.languages[0] ?? "en",
      bill: bill.state.bill,
      paid: bill.progress.paid,
      amount: found.order.amount,
      codeValue: found.codeValue,
      expiresAt: found.order.expiresAt,
      timeZone: store.timeZone,
    });
    return c.html(html, 200, { "cache-control": "private, no-store" });
  },
);
