import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, IdParam, jsonBody, jsonOk } from "../schemas";
import { MANAGERS, STAFF, requireMerchant } from "../middleware/tenant";
import { callOf } from "../actor";
import { renderPrintSheet } from "../../pages/print-sheet";
import { tableQrSvg, tableUrl } from "../../pages/qr";
import { plainText } from "../../api/text";
import { patchOf } from "../../api/patch";
import { TableSchema as TableOut } from "../../api/tables";
import { addNumberedTables, addTable, printSheetData, removeTable, rotateTableCode, storeTables, tableOf, updateTable } from "../../services/tables";

const TableInput = z
  .object({
    name: plainText(40, 1, "Give the table a name."),
    area: plainText(40).default(""),
    seats: z.number().int().min(1).max(99).default(4),
  })
  .openapi("TableInput");

const TablePatch = patchOf(TableInput).openapi("TablePatch");

const BulkInput = z
  .object({
    prefix: plainText(30, 1).default("Table"),
    start: z.number().int().min(0).max(9999).default(1),
    count: z.number().int().min(1).max(100),
    area: plainText(40).default(""),
    seats: z.number().int().min(1).max(99).default(4),
  })
  .openapi("TableBulkInput");

const storeParams = z.object({ merchantId: IdParam("merchantId"), storeId: IdParam("storeId") });
const tableParams = storeParams.extend({ tableId: IdParam("tableId") });
const security = [{ session: [] }];
const tags = ["tables"];

const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin;
const withUrl = (c: Context<AppEnv>, t: Omit<z.infer<typeof TableOut>, "url">) => ({ ...t, url: tableUrl(origin(c), t.code) });

export const tableRoutes = createRouter();

tableRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/tables",
    tags,
    security,
    summary: "A store's tables with their QR links",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: storeParams },
    responses: { 200: jsonOk(z.object({ tables: z.array(TableOut) })), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    return c.json({ tables: (await storeTables(c.var.scope, c.req.valid("param").storeId)).map((t) => withUrl(c, t)) }, 200);
  },
);

tableRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/tables",
    tags,
    security,
    summary: "Add a table; it gets an unguessable QR code",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: storeParams, body: jsonBody(TableInput) },
    responses: { 201: jsonOk(z.object({ table: TableOut })), ...errors },
  }),
  async (c) => {
    return c.json({ table: withUrl(c, await addTable(callOf(c), c.req.valid("param").storeId, c.req.valid("json"))) }, 201);
  },
);

tableRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/tables/bulk",
    tags,
    security,
    summary: "Add numbered tables in one go, e.g. Table 1 … Table 12 in the Terrace",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: storeParams, body: jsonBody(BulkInput) },
    responses: { 201: jsonOk(z.object({ tables: z.array(TableOut) })), ...errors },
  }),
  async (c) => {
    const created = await addNumberedTables(callOf(c), c.req.valid("param").storeId, c.req.valid("json"));
    return c.json({ tables: created.map((t) => withUrl(c, t)) }, 201);
  },
);

tableRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/stores/{storeId}/tables/{tableId}",
    tags,
    security,
    summary: "Rename a table, or change its area or seats",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: tableParams, body: jsonBody(TablePatch) },
    responses: { 200: jsonOk(z.object({ table: TableOut })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    return c.json({ table: withUrl(c, await updateTable(callOf(c), storeId, tableId, c.req.valid("json"))) }, 200);
  },
);

tableRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/stores/{storeId}/tables/{tableId}",
    tags,
    security,
    summary: "Delete a table that has never been used; its QR code then says it is no longer in use",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: tableParams },
    responses: { 200: jsonOk(z.object({ deleted: z.literal(true) })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    await removeTable(callOf(c), storeId, tableId);
    return c.json({ deleted: true as const }, 200);
  },
);

tableRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/tables/{tableId}/rotate-code",
    tags,
    security,
    summary: "Give a table a new QR code; the old code answers “no longer in use”",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: tableParams },
    responses: { 200: jsonOk(z.object({ table: TableOut, retiredCode: z.string() })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    const { table, retiredCode } = await rotateTableCode(callOf(c), storeId, tableId);
    return c.json({ table: withUrl(c, table), retiredCode }, 200);
  },
);

tableRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/tables/{tableId}/qr.svg",
    tags,
    security,
    summary: "A table's QR code as SVG",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: tableParams },
    responses: { 200: { description: "SVG image", content: { "image/svg+xml": { schema: z.string() } } }, 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    const table = await tableOf(c.var.scope, storeId, tableId);
    return c.body(tableQrSvg(tableUrl(origin(c), table.code), `QR code for ${table.name}`), 200, {
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": "private, no-cache",
    });
  },
);

tableRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/tables/print",
    tags,
    security,
    summary: "A printable sheet (HTML, print CSS for A4 or Letter) of the store's table QR codes",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: {
      params: storeParams,
      query: z.object({
        paper: z.enum(["a4", "letter"]).default("a4"),
        tableIds: z.string().max(4000).optional().openapi({ description: "Comma-separated table ids; all tables when left out" }),
      }),
    },
    responses: { 200: { description: "HTML page", content: { "text/html": { schema: z.string() } } }, 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { storeId } = c.req.valid("param");
    const { paper, tableIds } = c.req.valid("query");
    const { store, merchant, tables: list } = await printSheetData(c.var.scope, storeId, tableIds ? new Set(tableIds.split(",")) : null);
    const html = renderPrintSheet({
      merchantName: merchant.name,
      storeName: store.name,
      languages: merchant.languages,
      origin: origin(c),
      paper,
      tables: list,
      selfPath: new URL(c.req.url).pathname,
    });
    return c.html(html, 200, { "cache-control": "private, no-cache" });
  },
);
