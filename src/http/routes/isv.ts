import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, jsonBody, jsonOk, IdParam } from "../schemas";
import { forbidden, notFound } from "../errors";
import { requireAuth } from "../middleware/session";
import { actorOf } from "../actor";
import { isvs } from "../../db/schema";
import { plainText } from "../../api/text";
import { ProvisionSchema, toStore } from "../account-shapes";
import { ApiKeySchema, IsvMerchantSchema, MerchantSchema, StoreSchema } from "../../api/accounts";
import { provisionMerchant } from "../../services/provision";
import { createApiKey, isvMerchant, isvMerchants, listApiKeys, revokeApiKey } from "../../services/isv";

/** The ISV the signed-in user administers; anyone else is refused. */
function requireIsvAdmin(c: Context<AppEnv>): { isvId: string; userId: string } {
  const auth = requireAuth(c);
  const m = auth.memberships.find((x) => x.role === "isv_admin" && x.isvId);
  if (!m?.isvId) throw forbidden("Only an ISV admin can use the partner portal.");
  return { isvId: m.isvId, userId: auth.user.id };
}

export const isvRoutes = createRouter();

isvRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["partner portal"],
    summary: "The ISV the signed-in user administers",
    security: [{ session: [] }],
    responses: { 200: jsonOk(z.object({ isv: z.object({ id: z.string(), name: z.string(), commissionBps: z.number().int() }) })), 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    const { isvId } = requireIsvAdmin(c);
    const [isv] = await c.var.db.select().from(isvs).where(eq(isvs.id, isvId));
    if (!isv) throw notFound("ISV");
    return c.json({ isv: { id: isv.id, name: isv.name, commissionBps: isv.commissionBps } }, 200);
  },
);

isvRoutes.openapi(
  createRoute({
    method: "get",
    path: "/merchants",
    tags: ["partner portal"],
    summary: "The ISV's merchants",
    security: [{ session: [] }],
    responses: { 200: jsonOk(z.object({ merchants: z.array(IsvMerchantSchema) })), 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    const { isvId } = requireIsvAdmin(c);
    return c.json({ merchants: await isvMerchants(c.var.db, isvId) }, 200);
  },
);

isvRoutes.openapi(
  createRoute({
    method: "post",
    path: "/merchants",
    tags: ["partner portal"],
    summary: "Create a merchant with its first store and an owner invitation link",
    security: [{ session: [] }],
    request: { body: jsonBody(ProvisionSchema) },
    responses: { 201: jsonOk(z.object({ merchant: MerchantSchema, inviteUrl: z.string() })), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
  }),
  async (c) => {
    const { isvId } = requireIsvAdmin(c);
    const { merchant, inviteUrl } = await provisionMerchant(c.var.db, actorOf(c, { ip: false }), isvId, c.req.valid("json"), new URL(c.req.url).origin);
    return c.json({ merchant, inviteUrl }, 201);
  },
);

isvRoutes.openapi(
  createRoute({
    method: "get",
    path: "/merchants/{merchantId}",
    tags: ["partner portal"],
    summary: "One of the ISV's merchants",
    security: [{ session: [] }],
    request: { params: z.object({ merchantId: IdParam("merchantId") }) },
    responses: { 200: jsonOk(z.object({ merchant: MerchantSchema, stores: z.array(StoreSchema), ownerEmail: z.string().nullable() })), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { isvId } = requireIsvAdmin(c);
    const { merchant, stores, ownerEmail } = await isvMerchant(c.var.db, isvId, c.req.valid("param").merchantId);
    return c.json({ merchant, stores: stores.map(toStore), ownerEmail }, 200);
  },
);

isvRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api-keys",
    tags: ["partner portal"],
    summary: "The ISV's partner API keys",
    security: [{ session: [] }],
    responses: { 200: jsonOk(z.object({ keys: z.array(ApiKeySchema) })), 403: errors[403] },
  }),
  async (c) => {
    const { isvId } = requireIsvAdmin(c);
    return c.json({ keys: await listApiKeys(c.var.db, isvId) }, 200);
  },
);

isvRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api-keys",
    tags: ["partner portal"],
    summary: "Create a partner API key; the secret is shown only in this answer",
    security: [{ session: [] }],
    request: { body: jsonBody(z.object({ name: plainText(80, 1) })) },
    responses: { 201: jsonOk(z.object({ key: ApiKeySchema, secret: z.string() })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const { isvId } = requireIsvAdmin(c);
    return c.json(await createApiKey(c.var.db, actorOf(c, { ip: false }), isvId, c.req.valid("json").name), 201);
  },
);

isvRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api-keys/{keyId}",
    tags: ["partner portal"],
    summary: "Revoke a partner API key",
    security: [{ session: [] }],
    request: { params: z.object({ keyId: IdParam("keyId") }) },
    responses: { 200: jsonOk(z.object({ ok: z.literal(true) })), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { isvId } = requireIsvAdmin(c);
    await revokeApiKey(c.var.db, actorOf(c, { ip: false }), isvId, c.req.valid("param").keyId);
    return c.json({ ok: true as const }, 200);
  },
);
