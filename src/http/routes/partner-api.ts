import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, jsonBody, jsonOk, IdParam } from "../schemas";
import { unauthorized } from "../errors";
import { apiKeys } from "../../db/schema";
import { sha256Hex } from "../../domain/ids";
import { isvMerchant, isvMerchants } from "../../services/isv";
import { partnerActor, provisionMerchant } from "../../services/provision";
import { ProvisionSchema, toStore } from "../account-shapes";
import { IsvMerchantSchema, MerchantSchema, StoreSchema } from "../../api/accounts";

/** Partner API: `Authorization: Bearer tsk_…`; the key decides which ISV's merchants are visible. */
const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.req.header("authorization")?.match(/^Bearer\s+(tsk_\S+)$/)?.[1];
  if (!secret) throw unauthorized("Send a partner API key: Authorization: Bearer tsk_…");
  const [key] = await c.var.db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, await sha256Hex(secret)), isNull(apiKeys.revokedAt)));
  if (!key) throw unauthorized("Unknown or revoked API key.");
  c.executionCtx.waitUntil(c.var.db.update(apiKeys).set({ lastUsedAt: Date.now() }).where(eq(apiKeys.id, key.id)).then(() => undefined));
  c.set("partnerIsvId", key.isvId);
  await next();
});

const isvOf = (c: Context<AppEnv>) => c.var.partnerIsvId;

export const partnerApiRoutes = createRouter();
partnerApiRoutes.use("/merchants", requireApiKey);
partnerApiRoutes.use("/merchants/*", requireApiKey);

partnerApiRoutes.openapi(
  createRoute({
    method: "get",
    path: "/merchants",
    tags: ["partner API"],
    summary: "List the merchants this API key's ISV resells",
    security: [{ partnerKey: [] }],
    responses: { 200: jsonOk(z.object({ merchants: z.array(IsvMerchantSchema) })), 401: errors[401] },
  }),
  async (c) => c.json({ merchants: await isvMerchants(c.var.db, isvOf(c)) }, 200),
);

partnerApiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/merchants",
    tags: ["partner API"],
    summary: "Create a merchant with its first store; answers the owner's invitation link",
    security: [{ partnerKey: [] }],
    request: { body: jsonBody(ProvisionSchema) },
    responses: { 201: jsonOk(z.object({ merchant: MerchantSchema, inviteUrl: z.string() })), 400: errors[400], 401: errors[401], 409: errors[409] },
  }),
  async (c) => {
    const { merchant, inviteUrl } = await provisionMerchant(c.var.db, partnerActor(isvOf(c)), isvOf(c), c.req.valid("json"), new URL(c.req.url).origin);
    return c.json({ merchant, inviteUrl }, 201);
  },
);

partnerApiRoutes.openapi(
  createRoute({
    method: "get",
    path: "/merchants/{merchantId}",
    tags: ["partner API"],
    summary: "One merchant of this ISV",
    security: [{ partnerKey: [] }],
    request: { params: z.object({ merchantId: IdParam("merchantId") }) },
    responses: { 200: jsonOk(z.object({ merchant: MerchantSchema, stores: z.array(StoreSchema), ownerEmail: z.string().nullable() })), 401: errors[401], 404: errors[404] },
  }),
  async (c) => {
    const { merchant, stores, ownerEmail } = await isvMerchant(c.var.db, isvOf(c), c.req.valid("param").merchantId);
    return c.json({ merchant, stores: stores.map(toStore), ownerEmail }, 200);
  },
);
