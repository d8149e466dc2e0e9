import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, IdParam, jsonBody, jsonOk } from "../schemas";
import { ApiError, errorStatus, forbidden, notFound } from "../errors";
import { requireMerchant, STAFF, type MerchantRole } from "../middleware/tenant";
import { requireAuth, clientIp } from "../middleware/session";
import { stores, tables } from "../../db/schema";
import { tenantAudit } from "../../services/audit";
import { actorOf } from "../actor";
import { loadMenuSnapshot } from "../../db/menu";
import { ITEM_FLOW, MAX_VOID_REASON } from "../../domain/table/items";
import type { Caller, Reply } from "../../table/table-session";
import type { TableRef } from "../../table/store";
import type { TableView } from "../../table/protocol";
import { AddLineInput, UpdateLineInput } from "../../table/validate";
import { TableCardSchema, TableViewSchema } from "../../table/schemas";
import { floorName } from "../../floor/names";
import type { FloorView } from "../../floor/protocol";

/**
 * The staff board's API: the live floor of a store, and what waiters, cooks and managers do to
 * tables. Kitchen staff move items and acknowledge calls; opening, closing, moving, merging,
 * voiding and ordering for a table need a floor role (waiter, manager, owner).
 */
export const staffRoutes = createRouter();

const FLOOR_ROLES: MerchantRole[] = ["owner", "manager", "waiter"];
const tags = ["staff board"];
const security = [{ session: [] }];

const storeParams = z.object({ merchantId: IdParam("merchantId"), storeId: IdParam("storeId") });
const tableParams = storeParams.extend({ tableId: IdParam("tableId") });
const Ack = z.object({ v: z.number() });

type Ctx = Context<AppEnv>;

/** The store, within the tenant; staff limited to one store cannot reach another. */
async function storeOf(c: Ctx, storeId: string) {
  const access = c.var.access;
  if (access.storeId && access.storeId !== storeId) throw notFound("Store");
  const store = await c.var.scope.first(stores, eq(stores.id, storeId));
  if (!store) throw notFound("Store");
  return store;
}

async function tableOf(c: Ctx, storeId: string, tableId: string): Promise<TableRef> {
  await storeOf(c, storeId);
  const table = await c.var.scope.first(tables, and(eq(tables.id, tableId), eq(tables.storeId, storeId)));
  if (!table) throw notFound("Table");
  return { merchantId: table.merchantId, storeId, tableId: table.id, tableName: table.name };
}

function staffCaller(c: Ctx, ref: TableRef): Extract<Caller, { kind: "staff" }> {
  const auth = requireAuth(c);
  return { kind: "staff", userId: auth.user.id, name: auth.user.name || auth.user.email.split("@")[0]!, ref };
}

function unwrap<T extends object>(reply: Reply<T>): Extract<Reply<T>, { ok: true }> {
  if (!reply.ok) throw new ApiError(errorStatus(reply.error.code), reply.error.code, reply.error.message, reply.error.details);
  return reply as Extract<Reply<T>, { ok: true }>;
}

const table = (c: Ctx, tableId: string) => c.env.TABLE.getByName(tableId);

function audit(c: Ctx, action: string, target: string, data: Record<string, unknown> = {}) {
  return tenantAudit(c.var.scope, actorOf(c), { action, target, data });
}

// ---------------------------------------------------------------------------------------------
// The floor

staffRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/floor",
    tags,
    security,
    summary: "Every table of the store with its live state (what the staff board's socket sends first)",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: storeParams },
    responses: { 200: jsonOk(z.object({ v: z.number(), view: z.object({ storeId: z.string(), tables: z.array(TableCardSchema) }) })), ...errors },
  }),
  async (c) => {
    const { merchantId, storeId } = c.req.valid("param");
    await storeOf(c, storeId);
    const floor = (await c.env.FLOOR.getByName(floorName(merchantId, storeId)).view(merchantId, storeId)) as { v: number; view: FloorView };
    return c.json(floor, 200);
  },
);

/**
 * Live floor for staff boards: forwarded to the store's floor object, which accepts it. The
 * cookie authenticates it, so a page of another origin must not be able to open it.
 */
staffRoutes.get("/:merchantId/stores/:storeId/floor/ws", requireMerchant(STAFF), async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "Connect to this address with a WebSocket.");
  }
  const origin = c.req.header("origin");
  if (origin && origin !== new URL(c.req.url).origin) throw forbidden("This board belongs to another site.");
  const merchantId = c.req.param("merchantId");
  const storeId = c.req.param("storeId");
  await storeOf(c, storeId);
  const headers = new Headers({ Upgrade: "websocket", "x-tableside-merchant": merchantId, "x-tableside-store": storeId });
  return c.env.FLOOR.getByName(floorName(merchantId, storeId)).fetch("https://floor.internal/ws", { headers });
});

staffRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/floor/menu",
    tags,
    security,
    summary: "The store's menu for ordering at a table (staff-only dishes included) and kitchen grouping",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: storeParams },
    responses: { 200: jsonOk(z.object({ menu: z.record(z.string(), z.unknown()).openapi("MenuSnapshot") })), ...errors },
  }),
  async (c) => {
    const { merchantId, storeId } = c.req.valid("param");
    await storeOf(c, storeId);
    const menu = await loadMenuSnapshot(c.var.db, merchantId, storeId);
    return c.json({ menu: menu as unknown as Record<string, unknown> }, 200);
  },
);

staffRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}",
    tags,
    security,
    summary: "One table's session in full: diners, cart, rounds with item states, calls",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: tableParams },
    responses: { 200: jsonOk(z.object({ v: z.number(), view: TableViewSchema })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    const ref = await tableOf(c, storeId, tableId);
    const r = unwrap((await table(c, tableId).staffView(ref)) as Reply<{ view: TableView }>);
    return c.json({ v: r.v, view: r.view }, 200);
  },
);

// ---------------------------------------------------------------------------------------------
// Table lifecycle

staffRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/open",
    tags,
    security,
    summary: "Open a table for a party (guests who scan then join this session)",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: tableParams },
    responses: { 200: jsonOk(Ack.extend({ sessionId: z.string() })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    const ref = await tableOf(c, storeId, tableId);
    const r = unwrap(await table(c, tableId).open(ref));
    return c.json({ v: r.v, sessionId: r.sessionId }, 200);
  },
);

staffRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/close",
    tags,
    security,
    summary: "Close the table's session; the table is free for the next party",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: tableParams, body: jsonBody(z.object({ reason: z.string().trim().max(100).default("closed_by_staff") })) },
    responses: { 200: jsonOk(Ack.extend({ sessionId: z.string() })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    await tableOf(c, storeId, tableId);
    const { reason } = c.req.valid("json");
    const r = unwrap(await table(c, tableId).close(reason || "closed_by_staff"));
    await audit(c, "table.closed", tableId, { sessionId: r.sessionId, reason });
    return c.json({ v: r.v, sessionId: r.sessionId }, 200);
  },
);

for (const mode of ["move", "merge"] as const) {
  staffRoutes.openapi(
    createRoute({
      method: "post",
      path: `/{merchantId}/stores/{storeId}/floor/tables/{tableId}/${mode}`,
      tags,
      security,
      summary:
        mode === "move"
          ? "Move the table's session to a free table (guests follow automatically)"
          : "Merge this table's session into another table's open session",
      middleware: [requireMerchant(FLOOR_ROLES)] as const,
      request: { params: tableParams, body: jsonBody(z.object({ toTableId: z.string().min(1).max(64) })) },
      responses: { 200: jsonOk(Ack.extend({ sessionId: z.string(), tableId: z.string() })), ...errors },
    }),
    async (c) => {
      const { storeId, tableId } = c.req.valid("param");
      const { toTableId } = c.req.valid("json");
      await tableOf(c, storeId, tableId);
      const target = await tableOf(c, storeId, toTableId);
      const r = unwrap(await table(c, tableId).moveTo(target, mode));
      await audit(c, `table.${mode}d`, tableId, { toTableId, sessionId: r.sessionId });
      return c.json({ v: r.v, sessionId: r.sessionId, tableId: toTableId }, 200);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Items and calls

const itemParams = tableParams.extend({ itemId: IdParam("itemId") });

staffRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/items/{itemId}/state",
    tags,
    security,
    summary: "Move an item through received → preparing → ready → served (or one step back)",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: itemParams, body: jsonBody(z.object({ state: z.enum(ITEM_FLOW) })) },
    responses: { 200: jsonOk(Ack.extend({ state: z.string() })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId, itemId } = c.req.valid("param");
    await tableOf(c, storeId, tableId);
    const r = unwrap(await table(c, tableId).setItemState(itemId, c.req.valid("json").state));
    return c.json({ v: r.v, state: r.state }, 200);
  },
);

staffRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/items/{itemId}/void",
    tags,
    security,
    summary: "Void an item with a reason (it is no longer charged)",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: itemParams, body: jsonBody(z.object({ reason: z.string().trim().min(1).max(MAX_VOID_REASON) })) },
    responses: { 200: jsonOk(Ack.extend({ state: z.string() })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId, itemId } = c.req.valid("param");
    await tableOf(c, storeId, tableId);
    const { reason } = c.req.valid("json");
    const r = unwrap(await table(c, tableId).voidItem(itemId, reason, requireAuth(c).user.id));
    await audit(c, "item.voided", itemId, { tableId, reason });
    return c.json({ v: r.v, state: r.state }, 200);
  },
);

staffRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/calls/{callId}/ack",
    tags,
    security,
    summary: "Acknowledge a guest's call",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: tableParams.extend({ callId: IdParam("callId") }) },
    responses: { 200: jsonOk(Ack), ...errors },
  }),
  async (c) => {
    const { storeId, tableId, callId } = c.req.valid("param");
    await tableOf(c, storeId, tableId);
    const r = unwrap(await table(c, tableId).ackCall(callId, requireAuth(c).user.id));
    return c.json({ v: r.v }, 200);
  },
);

// ---------------------------------------------------------------------------------------------
// Waiter orders: staff add to the table's shared cart (guests see it) and send rounds

staffRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/lines",
    tags,
    security,
    summary: "Add a dish to the table's cart as staff (opens the table if it is free)",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: tableParams, body: jsonBody(AddLineInput.extend({ requestId: z.string().min(1).max(64).optional() })) },
    responses: { 200: jsonOk(Ack.extend({ lineId: z.string().nullable() })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    const ref = await tableOf(c, storeId, tableId);
    const { requestId, ...line } = c.req.valid("json");
    const stub = table(c, tableId);
    const add = async () => (await stub.apply(staffCaller(c, ref), { op: "add", ...line }, requestId)) as Reply<{ lineId: string | null }>;
    let reply = await add();
    if (!reply.ok && reply.error.code === "table_free") {
      const opened = (await stub.open(ref)) as Reply<{ sessionId: string }>;
      if (!opened.ok && opened.error.code !== "table_busy") unwrap(opened);
      reply = await add();
    }
    const r = unwrap(reply);
    return c.json({ v: r.v, lineId: r.lineId }, 200);
  },
);

const lineParams = tableParams.extend({ lineId: IdParam("lineId") });

staffRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/lines/{lineId}",
    tags,
    security,
    summary: "Change any line of the table's cart",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: lineParams, body: jsonBody(UpdateLineInput) },
    responses: { 200: jsonOk(Ack), ...errors },
  }),
  async (c) => {
    const { storeId, tableId, lineId } = c.req.valid("param");
    const ref = await tableOf(c, storeId, tableId);
    const r = unwrap(await table(c, tableId).apply(staffCaller(c, ref), { op: "update", lineId, ...c.req.valid("json") }));
    return c.json({ v: r.v }, 200);
  },
);

staffRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/lines/{lineId}",
    tags,
    security,
    summary: "Remove a line from the table's cart",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: lineParams },
    responses: { 200: jsonOk(Ack), ...errors },
  }),
  async (c) => {
    const { storeId, tableId, lineId } = c.req.valid("param");
    const ref = await tableOf(c, storeId, tableId);
    const r = unwrap(await table(c, tableId).apply(staffCaller(c, ref), { op: "remove", lineId }));
    return c.json({ v: r.v }, 200);
  },
);

staffRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/rounds",
    tags,
    security,
    summary: "Send the table's cart to the kitchen",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: tableParams, body: jsonBody(z.object({ requestId: z.string().min(1).max(64).optional() })) },
    responses: { 200: jsonOk(Ack.extend({ roundId: z.string().nullable() })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    const ref = await tableOf(c, storeId, tableId);
    const r = unwrap(await table(c, tableId).submit(staffCaller(c, ref), c.req.valid("json").requestId));
    return c.json({ v: r.v, roundId: r.roundId }, 200);
  },
);

// ---------------------------------------------------------------------------------------------
// Admission: devices asking to join a table's session, and a first round waiting for staff

for (const answer of ["admit", "decline"] as const) {
  staffRoutes.openapi(
    createRoute({
      method: "post",
      path: `/{merchantId}/stores/{storeId}/floor/tables/{tableId}/requests/{requestId}/${answer}`,
      tags,
      security,
      summary: answer === "admit" ? "Let a device that asks to join into the table's session" : "Turn away a device that asks to join",
      middleware: [requireMerchant(FLOOR_ROLES)] as const,
      request: { params: tableParams.extend({ requestId: IdParam("requestId") }) },
      responses: { 200: jsonOk(Ack), ...errors },
    }),
    async (c) => {
      const { storeId, tableId, requestId } = c.req.valid("param");
      const ref = await tableOf(c, storeId, tableId);
      const r = unwrap(await table(c, tableId).answerJoin(staffCaller(c, ref), requestId, answer === "admit"));
      await audit(c, `table.join_${answer === "admit" ? "admitted" : "declined"}`, tableId, { requestId });
      return c.json({ v: r.v }, 200);
    },
  );
}

staffRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores/{storeId}/floor/tables/{tableId}/confirm-round",
    tags,
    security,
    summary: "Confirm the first round a guest asked for (when the store wants staff to confirm a guest-opened table's first round)",
    middleware: [requireMerchant(FLOOR_ROLES)] as const,
    request: { params: tableParams },
    responses: { 200: jsonOk(Ack.extend({ roundId: z.string().nullable() })), ...errors },
  }),
  async (c) => {
    const { storeId, tableId } = c.req.valid("param");
    const ref = await tableOf(c, storeId, tableId);
    const r = unwrap((await table(c, tableId).confirmFirstRound(ref)) as Reply<{ roundId: string | null }>);
    return c.json({ v: r.v, roundId: r.roundId }, 200);
  },
);
