import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, IdParam, jsonBody, jsonOk } from "../schemas";
import { ApiError, errorStatus, notFound } from "../errors";
import { findTableByCode } from "../../db/menu";
import { newId } from "../../domain/ids";
import type { DomainError } from "../../domain/cart/errors";
import type { Caller, JoinAnswer, Reply, RequestAnswer, TableSession } from "../../table/table-session";
import type { TableView } from "../../table/protocol";
import {
  signDinerCookie,
  signRequestToken,
  signTableToken,
  verifyDinerCookie,
  verifyRequestToken,
  verifyTableToken,
  type RequestToken,
  type TableToken,
} from "../../table/token";
import { AddLineInput, CallInput, JoinCodeInput, NameInput, ShownInput, UpdateLineInput } from "../../table/validate";
import { clientIp } from "../middleware/session";
import { bumpCount } from "../../db/rate-limit";
import { TableViewSchema } from "../../table/schemas";

/**
 * The guest side of a table: join with the QR code, then act with the session-scoped token the
 * join returns (`Authorization: Bearer <token>`, or `?token=` for the WebSocket). The token is
 * bound to the device's anonymous diner cookie. Every action works over plain HTTP; the
 * WebSocket adds live updates.
 */
export const guestApiRoutes = createRouter();

export const DINER_COOKIE = "ts_diner";
const DINER_COOKIE_MAX_AGE = 365 * 24 * 3600;
/**
 * Joins (and asks to join) per client address and window. A restaurant's shared Wi-Fi puts many
 * honest phones behind one address, so this is generous; the table object's own limits (pending
 * requests per table and address, join rate per table) are what stop flooding one table.
 */
export const JOIN_LIMIT = { perAddress: 120, windowMs: 10 * 60_000 } as const;

guestApiRoutes.openAPIRegistry.registerComponent("securitySchemes", "tableToken", {
  type: "http",
  scheme: "bearer",
  description: "The token returned by POST /api/guest/join (valid for one table session).",
});

const tags = ["guest"];
const security = [{ tableToken: [] }];
const RequestId = z.string().min(1).max(64).optional().openapi({ description: "Client request id: a retried request with the same id is applied once." });
const Renewed = z.string().optional().openapi({ description: "A new token, when staff moved the table's session to another table." });
const Ack = z.object({ v: z.number(), token: Renewed });

type GuestStub = DurableObjectStub<TableSession>;
type GuestCaller = Extract<Caller, { kind: "guest" }>;

export function domainError(e: DomainError): ApiError {
  return new ApiError(errorStatus(e.code), e.code, e.message, e.details);
}

/** The verified token of the request, bound to this device's diner cookie. */
export async function tokenOf(c: Context<AppEnv>, fromQuery = false): Promise<TableToken> {
  const header = c.req.header("authorization");
  const raw = header?.startsWith("Bearer ") ? header.slice(7).trim() : fromQuery ? c.req.query("token") : undefined;
  if (!raw) throw new ApiError(401, "token_required", "Join the table first (scan its QR code).");
  const token = await verifyTableToken(c.env, raw);
  if (!token) throw new ApiError(401, "invalid_token", "This table link has expired; scan the QR code again.");
  const diner = await verifyDinerCookie(c.env, getCookie(c, DINER_COOKIE));
  if (diner !== token.d) throw new ApiError(401, "invalid_token", "This table link belongs to another device; scan the QR code again.");
  return token;
}

/**
 * Runs an action on the token's table object. If staff moved or merged the table, follows the
 * session to its new table once and hands back a renewed token.
 */
export async function asGuest<T extends object>(
  c: Context<AppEnv>,
  action: (stub: GuestStub, caller: GuestCaller) => Promise<Reply<T>>,
): Promise<Extract<Reply<T>, { ok: true }> & { token?: string }> {
  const token = await tokenOf(c);
  let reply = (await action(c.env.TABLE.getByName(token.t), { kind: "guest", sessionId: token.s, dinerId: token.d })) as Reply<T>;
  let renewed: string | undefined;
  for (let hop = 0; hop < 3 && !reply.ok && reply.error.code === "session_ended"; hop++) {
    const movedTo = reply.error.details?.movedTo as { tableId: string; sessionId: string } | undefined;
    if (!movedTo) break;
    reply = (await action(c.env.TABLE.getByName(movedTo.tableId), { kind: "guest", sessionId: movedTo.sessionId, dinerId: token.d })) as Reply<T>;
    if (reply.ok) renewed = await signTableToken(c.env, { t: movedTo.tableId, s: movedTo.sessionId, d: token.d });
  }
  if (!reply.ok) throw domainError(reply.error);
  if (renewed) c.header("x-table-token", renewed);
  return renewed ? { ...reply, token: renewed } : reply;
}

// ---------------------------------------------------------------------------------------------

/** The device's diner id from its signed cookie, or a new one. The cookie path is "/" so the table page can tell a seated device (see pages/routes.tsx). */
async function dinerOf(c: Context<AppEnv>): Promise<string> {
  const dinerId = (await verifyDinerCookie(c.env, getCookie(c, DINER_COOKIE))) ?? newId("din");
  // Set (again) on every join: devices from before the path was "/" get the wider cookie too.
  setCookie(c, DINER_COOKIE, await signDinerCookie(c.env, dinerId), { httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge: DINER_COOKIE_MAX_AGE });
  return dinerId;
}

const Seated = z
  .object({ token: z.string(), dinerId: z.string(), tableId: z.string(), sessionId: z.string(), v: z.number(), view: TableViewSchema })
  .openapi("JoinedTable");
const Waiting = z
  .object({
    status: z.literal("waiting"),
    requestToken: z.string().openapi({ description: "Bearer token for /join/request: grants nothing in the session itself" }),
    requestId: z.string(),
    tableName: z.string(),
    expiresAt: z.number(),
  })
  .openapi("JoinRequested");

async function seatedBody(c: Context<AppEnv>, tableId: string, dinerId: string, r: { v: number; sessionId: string; view: TableView }) {
  const token = await signTableToken(c.env, { t: tableId, s: r.sessionId, d: dinerId });
  return { token, dinerId, tableId, sessionId: r.sessionId, v: r.v, view: r.view };
}

guestApiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/join",
    tags,
    summary: "Scan a table's QR code: seated (200, with a session token) or asking the party to be let in (202, with a request token)",
    description:
      "A free table opens for the first device. At a table whose session has guests (party admission, the default) a device that is not one of them " +
      "is seated only with the session's join code (`joinCode`, shown on the seated guests' phones); otherwise it gets a pending request that a seated " +
      "guest or staff answers, and nothing of the session but the table's name. In open-table stores anyone is seated.",
    request: {
      body: jsonBody(
        z
          .object({ code: z.string().min(1).max(64), name: z.string().trim().min(1).max(40).optional(), joinCode: JoinCodeInput.optional() })
          .openapi("JoinTable"),
      ),
    },
    responses: {
      200: jsonOk(Seated),
      202: { description: "Waiting to be let in", content: { "application/json": { schema: Waiting } } },
      ...errors,
      410: errors[404],
    },
  }),
  async (c) => {
    const { code, name, joinCode } = c.req.valid("json");
    const found = await findTableByCode(c.var.db, code.trim().toLowerCase());
    if (!found) throw notFound("Table");
    if (found.kind === "retired") throw new ApiError(410, "code_retired", "This QR code is no longer in use; ask the staff for the current one.");
    const { table, store, merchant } = found;
    if (merchant.status !== "active") throw new ApiError(403, "merchant_suspended", "This restaurant is not taking orders online.");
    if (store.status !== "open") throw new ApiError(409, "store_closed", "The restaurant is closed right now.");
    const ip = clientIp(c);
    if ((await bumpCount(c.var.db, `join:${ip}`, JOIN_LIMIT.windowMs)) > JOIN_LIMIT.perAddress) {
      throw new ApiError(429, "too_many_requests", "Too many tables joined from this network; wait a few minutes or ask the staff.");
    }
    const dinerId = await dinerOf(c);
    const reply = (await c.env.TABLE.getByName(table.id).join(
      { merchantId: merchant.id, storeId: store.id, tableId: table.id, tableName: table.name },
      dinerId,
      { name, ip, joinCode },
    )) as Reply<JoinAnswer>;
    if (!reply.ok) throw domainError(reply.error);
    if (reply.seated) return c.json(await seatedBody(c, table.id, dinerId, reply), 200);
    const requestToken = await signRequestToken(c.env, { t: table.id, s: reply.sessionId, r: reply.requestId, d: dinerId });
    return c.json({ status: "waiting" as const, requestToken, requestId: reply.requestId, tableName: reply.tableName, expiresAt: reply.expiresAt }, 202);
  },
);

/** The verified request token of a waiting device, bound to its diner cookie. */
async function requestOf(c: Context<AppEnv>): Promise<RequestToken> {
  const header = c.req.header("authorization");
  const raw = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
  if (!raw) throw new ApiError(401, "token_required", "Scan the table's QR code first.");
  const token = await verifyRequestToken(c.env, raw);
  const diner = await verifyDinerCookie(c.env, getCookie(c, DINER_COOKIE));
  if (!token || diner !== token.d) throw new ApiError(401, "invalid_token", "This request to join has expired; scan the QR code again.");
  return token;
}

const requestSecurity = [{ joinRequestToken: [] }];
guestApiRoutes.openAPIRegistry.registerComponent("securitySchemes", "joinRequestToken", {
  type: "http",
  scheme: "bearer",
  description: "The request token returned (202) by POST /api/guest/join while waiting to be let in.",
});

guestApiRoutes.openapi(
  createRoute({
    method: "get",
    path: "/join/request",
    tags,
    security: requestSecurity,
    summary: "What became of a request to join: waiting, admitted (with the session token), declined, expired, or closed (scan again)",
    responses: {
      200: jsonOk(
        z.union([
          Seated.extend({ status: z.literal("admitted") }),
          z.object({ status: z.enum(["waiting", "declined", "expired", "closed"]), expiresAt: z.number() }),
        ]),
      ),
      ...errors,
    },
  }),
  async (c) => {
    const rt = await requestOf(c);
    const reply = (await c.env.TABLE.getByName(rt.t).requestState(rt.d, rt.r, rt.s)) as Reply<RequestAnswer>;
    if (!reply.ok) throw domainError(reply.error);
    if (reply.status === "admitted") return c.json({ status: "admitted" as const, ...(await seatedBody(c, rt.t, rt.d, reply)) }, 200);
    return c.json({ status: reply.status, expiresAt: reply.expiresAt }, 200);
  },
);

guestApiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/join/request/code",
    tags,
    security: requestSecurity,
    summary: "Join with the session's code shown on a seated guest's phone (wrong codes are limited per device, address and table)",
    request: { body: jsonBody(z.object({ joinCode: JoinCodeInput }).openapi("JoinCode")) },
    responses: { 200: jsonOk(Seated), ...errors },
  }),
  async (c) => {
    const rt = await requestOf(c);
    const reply = (await c.env.TABLE.getByName(rt.t).enterCode(rt.d, clientIp(c), c.req.valid("json").joinCode)) as Reply<JoinAnswer>;
    if (!reply.ok) throw domainError(reply.error);
    if (!reply.seated) throw new ApiError(409, "request_not_found", "Scan the table's QR code again.");
    return c.json(await seatedBody(c, rt.t, rt.d, reply), 200);
  },
);

guestApiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/join/request/help",
    tags,
    security: requestSecurity,
    summary: "Ask the staff for help while waiting to be let in (shows on the staff board)",
    responses: { 200: jsonOk(z.object({ v: z.number() })), ...errors },
  }),
  async (c) => {
    const rt = await requestOf(c);
    const reply = (await c.env.TABLE.getByName(rt.t).askHelp(rt.d, rt.r)) as Reply;
    if (!reply.ok) throw domainError(reply.error);
    return c.json({ v: reply.v }, 200);
  },
);

for (const answer of ["admit", "decline"] as const) {
  guestApiRoutes.openapi(
    createRoute({
      method: "post",
      path: `/session/requests/{requestId}/${answer}`,
      tags,
      security,
      summary: answer === "admit" ? "Let a device that asks to join into your table's session" : "Do not let a device that asks to join in",
      request: { params: z.object({ requestId: IdParam("requestId") }) },
      responses: { 200: jsonOk(Ack), ...errors },
    }),
    async (c) => {
      const { requestId } = c.req.valid("param");
      const r = await asGuest(c, (stub, caller) => stub.answerJoin(caller, requestId, answer === "admit"));
      return c.json({ v: r.v, token: r.token }, 200);
    },
  );
}

guestApiRoutes.openapi(
  createRoute({
    method: "get",
    path: "/session",
    tags,
    security,
    summary: "The table session as this diner sees it",
    responses: { 200: jsonOk(z.object({ v: z.number(), you: z.string(), view: TableViewSchema, token: Renewed })), ...errors },
  }),
  async (c) => {
    const r = await asGuest(c, (stub, caller) => stub.getView(caller));
    const you = (await tokenOf(c)).d;
    return c.json({ v: r.v, you, view: r.view, token: r.token }, 200);
  },
);

guestApiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/session/lines",
    tags,
    security,
    summary: "Add a dish to the shared cart (the same dish, options and note again raises the quantity)",
    request: { body: jsonBody(AddLineInput.extend({ requestId: RequestId }).openapi("AddCartLine")) },
    responses: { 200: jsonOk(Ack.extend({ lineId: z.string().nullable() })), ...errors },
  }),
  async (c) => {
    const { requestId, ...line } = c.req.valid("json");
    const r = await asGuest(c, (stub, caller) => stub.apply(caller, { op: "add", ...line }, requestId));
    return c.json({ v: r.v, lineId: r.lineId, token: r.token }, 200);
  },
);

const lineParams = z.object({ lineId: IdParam("lineId") });

guestApiRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/session/lines/{lineId}",
    tags,
    security,
    summary: "Change the quantity, options or note of one of your lines",
    request: { params: lineParams, body: jsonBody(UpdateLineInput) },
    responses: { 200: jsonOk(Ack.extend({ lineId: z.string().nullable() })), ...errors },
  }),
  async (c) => {
    const { lineId } = c.req.valid("param");
    const r = await asGuest(c, (stub, caller) => stub.apply(caller, { op: "update", lineId, ...c.req.valid("json") }));
    return c.json({ v: r.v, lineId: r.lineId, token: r.token }, 200);
  },
);

guestApiRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/session/lines/{lineId}",
    tags,
    security,
    summary: "Remove one of your lines",
    request: { params: lineParams },
    responses: { 200: jsonOk(Ack), ...errors },
  }),
  async (c) => {
    const { lineId } = c.req.valid("param");
    const r = await asGuest(c, (stub, caller) => stub.apply(caller, { op: "remove", lineId }));
    return c.json({ v: r.v, token: r.token }, 200);
  },
);

guestApiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/session/lines/{lineId}/take-over",
    tags,
    security,
    summary: "Take over another diner's line so you can change it",
    request: { params: lineParams },
    responses: { 200: jsonOk(Ack), ...errors },
  }),
  async (c) => {
    const { lineId } = c.req.valid("param");
    const r = await asGuest(c, (stub, caller) => stub.apply(caller, { op: "take_over", lineId }));
    return c.json({ v: r.v, token: r.token }, 200);
  },
);

guestApiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/session/rounds",
    tags,
    security,
    summary: "Send the cart to the kitchen as a round (or confirm it, when every diner must confirm)",
    request: { body: jsonBody(z.object({ requestId: RequestId, shown: ShownInput.optional() })) },
    responses: {
      200: jsonOk(
        Ack.extend({
          roundId: z.string().nullable().openapi({ description: "Null while other diners still have to confirm" }),
          waitingFor: z.array(z.string()),
          awaitingStaff: z.boolean().openapi({ description: "The first round waits for a staff member to confirm it (store setting)" }),
        }),
      ),
      ...errors,
    },
  }),
  async (c) => {
    const { requestId, shown } = c.req.valid("json");
    const r = await asGuest(c, (stub, caller) => stub.submit(caller, requestId, false, shown));
    return c.json({ v: r.v, roundId: r.roundId, waitingFor: r.waitingFor, awaitingStaff: r.awaitingStaff ?? false, token: r.token }, 200);
  },
);

guestApiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/session/calls",
    tags,
    security,
    summary: "Call a waiter, ask for the bill or water, or send a note to the staff",
    request: { body: jsonBody(CallInput.extend({ requestId: RequestId }).openapi("ServiceCallInput")) },
    responses: { 200: jsonOk(Ack.extend({ callId: z.string() })), ...errors },
  }),
  async (c) => {
    const { kind, note, requestId } = c.req.valid("json");
    const r = await asGuest(c, (stub, caller) => stub.call(caller, kind, note, requestId));
    return c.json({ v: r.v, callId: r.callId, token: r.token }, 200);
  },
);

guestApiRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/session/me",
    tags,
    security,
    summary: "Set the name the other diners see",
    request: { body: jsonBody(NameInput) },
    responses: { 200: jsonOk(Ack), ...errors },
  }),
  async (c) => {
    const { name } = c.req.valid("json");
    const r = await asGuest(c, (stub, caller) => stub.rename(caller, name));
    return c.json({ v: r.v, token: r.token }, 200);
  },
);

/**
 * Live updates: the upgrade is forwarded to the table object with `stub.fetch`, which accepts it
 * with the hibernation API. Browsers cannot set headers on a WebSocket, so the token comes in
 * the query string (the diner cookie comes along as usual).
 */
guestApiRoutes.get("/session/ws", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "Connect to this address with a WebSocket.");
  }
  const token = await tokenOf(c, true);
  const headers = new Headers({ Upgrade: "websocket", "x-tableside-session": token.s, "x-tableside-diner": token.d });
  return c.env.TABLE.getByName(token.t).fetch("https://table.internal/ws", { headers });
});
