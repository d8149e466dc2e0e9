import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, jsonBody, jsonOk, Email, IdParam } from "../schemas";
import { forbidden, notFound } from "../errors";
import { requireAuth } from "../middleware/session";
import { apiKeys, isvs, memberships, merchants, stores, users } from "../../db/schema";
import { auditInsert } from "../../db/audit";
import { TenantScope } from "../../db/scope";
import { newId, randomToken, sha256Hex } from "../../domain/ids";
import { Slug, StoreInput } from "./auth";
import { toStore } from "./merchants";
import { ApiKeySchema, IsvMerchantSchema, MerchantSchema, StoreSchema } from "../../api/accounts";
import { isvMerchants, provisionMerchant } from "../provision";
import { plainText } from "../../domain/text";

export const ProvisionSchema = z
  .object({
    businessName: plainText(80, 2),
    slug: Slug.optional(),
    ownerEmail: Email,
    ownerName: plainText(80).optional(),
    store: StoreInput,
  })
  .openapi("ProvisionMerchant");

/** The ISV the signed-in user administers; anyone else is refused. */
function requireIsvAdmin(c: Context<AppEnv>): { isvId: string; userId: string } {
  const auth = requireAuth(c);
  const m = auth.memberships.find((x) => x.role === "isv_admin" && x.isvId);
  if (!m?.isvId) throw forbidden("Only an ISV admin can use the partner portal.");
  return { isvId: m.isvId, userId: auth.user.id };
}

/** A merchant of this ISV, or 404: another ISV's merchants do not exist for it. */
export async function isvMerchant(c: Context<AppEnv>, isvId: string, merchantId: string) {
  const [m] = await c.var.db.select().from(merchants).where(and(eq(merchants.id, merchantId), eq(merchants.isvId, isvId)));
  if (!m) throw notFound("Merchant");
  // From here on the merchant is known to be this ISV's: its rows are read through its scope.
  const scope = new TenantScope(c.var.db, m.id);
  const storeRows = await scope.select(stores);
  const [owner] = await c.var.db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(scope.where(memberships, eq(memberships.role, "owner")));
  const { createdAt, menuVersion, ...rest } = m;
  return { merchant: { ...rest, createdAt, menuVersion }, stores: storeRows.map(toStore), ownerEmail: owner?.email ?? null };
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
    return c.json({ merchants: await isvMerchants(c, isvId) }, 200);
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
    const { isvId, userId } = requireIsvAdmin(c);
    const { merchant, inviteUrl } = await provisionMerchant(c, isvId, c.req.valid("json"), userId);
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
    return c.json(await isvMerchant(c, isvId, c.req.valid("param").merchantId), 200);
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
    const rows = await c.var.db.select().from(apiKeys).where(eq(apiKeys.isvId, isvId));
    return c.json({ keys: rows.map(({ keyHash: _h, isvId: _i, ...k }) => k) }, 200);
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
    const { isvId, userId } = requireIsvAdmin(c);
    const prefix = randomToken(8);
    const secret = `tsk_${prefix}_${randomToken(40)}`;
    const key = { id: newId("key"), name: c.req.valid("json").name, prefix, createdAt: Date.now(), lastUsedAt: null, revokedAt: null };
    await c.var.db.batch([
      c.var.db.insert(apiKeys).values({ ...key, isvId, keyHash: await sha256Hex(secret) }),
      auditInsert(c.var.db, { action: "api_key.created", isvId, actorUserId: userId, target: key.id }),
    ]);
    return c.json({ key, secret }, 201);
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
    const { isvId, userId } = requireIsvAdmin(c);
    const { keyId } = c.req.valid("param");
    const [key] = await c.var.db.select().from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.isvId, isvId), isNull(apiKeys.revokedAt)));
    if (!key) throw notFound("API key");
    await c.var.db.batch([
      c.var.db.update(apiKeys).set({ revokedAt: Date.now() }).where(eq(apiKeys.id, keyId)),
      auditInsert(c.var.db, { action: "api_key.revoked", isvId, actorUserId: userId, target: keyId }),
    ]);
    return c.json({ ok: true as const }, 200);
  },
);
