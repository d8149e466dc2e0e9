import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, IdParam, jsonBody, jsonOk } from "../schemas";
import { conflict, notFound } from "../errors";
import { MANAGERS, STAFF, requireMerchant } from "../middleware/tenant";
import {
  createTables,
  deleteTable,
  getTable,
  hasHistory,
  listTables,
  merchantHeader,
  nameTaken,
  requireStore,
  rotateCode,
} from "../../db/menu/tables";
import { tables } from "../../db/schema";
import { eq } from "drizzle-orm";
import { forgetTableCode } from "../../pages/cache";
import { renderPrintSheet } from "../../pages/print-sheet";
import { tableQrSvg, tableUrl } from "../../pages/qr";
import { plainText } from "../../api/text";
import { patchOf } from "../../api/patch";

const TableOut = z
  .object({
    id: z.string(),
    storeId: z.string(),
    name: z.string(),
    area: z.string(),
    seats: z.number(),
    code: z.string().openapi({ description: "The unguessable code in the QR URL /q/<code>" }),
    url: z.string().openapi({ description: "What the table's QR code encodes" }),
    createdAt: z.number(),
  })
  .openapi("Table");

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

async function storeOr404(c: Context<AppEnv>, storeId: string) {
  const store = await requireStore(c.var.scope, storeId);
  if (!store) throw notFound("Store");
  return store;
}

async function tableOr404(c: Context<AppEnv>, storeId: string, tableId: string) {
  await storeOr404(c, storeId);
  const table = await getTable(c.var.scope, storeId, tableId);
  if (!table) throw notFound("Table");
  return table;
}

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
    const { storeId } = c.req.valid("param");
    await storeOr404(c, storeId);
    return c.json({ tables: (await listTables(c.var.scope, storeId)).map((t) => withUrl(c, t)) }, 200);
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
    const { storeId } = c.req.valid("param");
    const input = c.req.valid("json");
    await storeOr404(c, storeId);
    if (await nameTaken(c.var.scope, storeId, input.name)) throw conflict("table_name_taken", `This store already has a table called “${input.name}”.`);
    const [table] = await createTables(c.var.scope, storeId, [input]);
    return c.json({ table: withUrl(c, table!) }, 201);
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
    const { storeId } = c.req.valid("param");
    const input = c.req.valid("json");
    await storeOr404(c, storeId);
    const names = Array.from({ length: input.count }, (_, i) => `${input.prefix} ${input.start + i}`);
    const existing = new Set((await listTables(c.var.scope, storeId)).map((t) => t.name));
    const clash = names.find((n) => existing.has(n));
    if (clash) throw conflict("table_name_taken", `This store already has a table called “${clash}”.`);
    const created = await createTables(c.var.scope, storeId, names.map((name) => ({ name, area: input.area, seats: input.seats })));
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
    const patch = c.req.valid("json");
    const table = await tableOr404(c, storeId, tableId);
    if (patch.name && (await nameTaken(c.var.scope, storeId, patch.name, tableId))) {
      throw conflict("table_name_taken", `This store already has a table called “${patch.name}”.`);
    }
    await c.var.scope.update(tables, patch, eq(tables.id, tableId));
    await forgetTableCode(table.code);
    return c.json({ table: withUrl(c, { ...table, ...patch }) }, 200);
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
    const table = await tableOr404(c, storeId, tableId);
    if (await hasHistory(c.var.scope, tableId)) {
      throw conflict("table_has_history", "This table has past sessions and bills, so it is kept; rename it or rotate its code instead.");
    }
    await deleteTable(c.var.scope, table);
    await forgetTableCode(table.code);
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
    const table = await tableOr404(c, storeId, tableId);
    const rotated = await rotateCode(c.var.scope, table);
    await forgetTableCode(table.code);
    return c.json({ table: withUrl(c, rotated), retiredCode: table.code }, 200);
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
    const table = await tableOr404(c, storeId, tableId);
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
    const store = await storeOr404(c, storeId);
    const merchant = await merchantHeader(c.var.scope);
    const wanted = tableIds ? new Set(tableIds.split(",")) : null;
    const list = (await listTables(c.var.scope, storeId)).filter((t) => !wanted || wanted.has(t.id));
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
