import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, jsonBody, jsonOk, Email, Password, IdParam } from "../schemas";
import { conflict, forbidden, unauthorized } from "../errors";
import { clientIp, requireAuth } from "../middleware/session";
import { actorOf } from "../actor";
import { timingSafeEqual } from "../../domain/passwords";
import { plainText } from "../../api/text";
import { MerchantSchema } from "../../api/accounts";
import { bootstrapPlatformAdmin, createIsv, listIsvs, listMerchants, setMerchantStatus } from "../../services/platform";

const IsvSchema = z.object({ id: z.string(), name: z.string(), commissionBps: z.number().int(), status: z.enum(["active", "suspended"]), createdAt: z.number() }).openapi("Isv");

/** Constant-time check of `Authorization: Bearer <PLATFORM_BOOTSTRAP_SECRET>`. */
export function hasBootstrapSecret(c: Context<AppEnv>): boolean {
  const expected = c.env.PLATFORM_BOOTSTRAP_SECRET;
  const given = c.req.header("authorization")?.replace(/^Bearer\s+/, "") ?? "";
  if (!expected) return false;
  const enc = new TextEncoder();
  return timingSafeEqual(enc.encode(given), enc.encode(expected));
}

function requirePlatformAdmin(c: Context<AppEnv>) {
  const auth = requireAuth(c);
  if (!auth.memberships.some((m) => m.role === "platform_admin")) throw forbidden("Only a platform admin can do this.");
  return auth;
}

export const platformRoutes = createRouter();

platformRoutes.openapi(
  createRoute({
    method: "post",
    path: "/bootstrap",
    tags: ["platform"],
    summary: "Create the first platform admin (needs the PLATFORM_BOOTSTRAP_SECRET as bearer token)",
    request: { body: jsonBody(z.object({ email: Email, password: Password, name: plainText(80).optional() })) },
    responses: { 201: jsonOk(z.object({ ok: z.literal(true) })), 400: errors[400], 401: errors[401], 409: errors[409] },
  }),
  async (c) => {
    if (!hasBootstrapSecret(c)) throw unauthorized("Wrong or missing bootstrap secret.");
    const { created } = await bootstrapPlatformAdmin(c.var.db, c.req.valid("json"), clientIp(c));
    if (!created) throw conflict("already_bootstrapped", "A platform admin exists already; sign in as them.");
    return c.json({ ok: true as const }, 201);
  },
);

platformRoutes.openapi(
  createRoute({
    method: "get",
    path: "/isvs",
    tags: ["platform"],
    summary: "Every ISV",
    security: [{ session: [] }],
    responses: { 200: jsonOk(z.object({ isvs: z.array(IsvSchema) })), 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    requirePlatformAdmin(c);
    return c.json({ isvs: await listIsvs(c.var.db) }, 200);
  },
);

platformRoutes.openapi(
  createRoute({
    method: "post",
    path: "/isvs",
    tags: ["platform"],
    summary: "Create an ISV and an invitation for its admin",
    security: [{ session: [] }],
    request: {
      body: jsonBody(z.object({ name: plainText(80, 2), commissionBps: z.number().int().min(0).max(5000).default(1000), adminEmail: Email, adminName: plainText(80).optional() })),
    },
    responses: { 201: jsonOk(z.object({ isv: IsvSchema, inviteUrl: z.string() })), 400: errors[400], 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    requirePlatformAdmin(c);
    return c.json(await createIsv(c.var.db, actorOf(c, { ip: false }), c.req.valid("json"), new URL(c.req.url).origin), 201);
  },
);

platformRoutes.openapi(
  createRoute({
    method: "get",
    path: "/merchants",
    tags: ["platform"],
    summary: "Every merchant",
    security: [{ session: [] }],
    responses: { 200: jsonOk(z.object({ merchants: z.array(MerchantSchema) })), 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    requirePlatformAdmin(c);
    return c.json({ merchants: await listMerchants(c.var.db) }, 200);
  },
);

for (const [action, status] of [["suspend", "suspended"], ["reactivate", "active"]] as const) {
  platformRoutes.openapi(
    createRoute({
      method: "post",
      path: `/merchants/{merchantId}/${action}`,
      tags: ["platform"],
      summary: action === "suspend" ? "Suspend a tenant: its guest pages and ordering stop" : "Reactivate a suspended tenant",
      security: [{ session: [] }],
      request: { params: z.object({ merchantId: IdParam("merchantId") }) },
      responses: { 200: jsonOk(z.object({ merchant: MerchantSchema })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      requirePlatformAdmin(c);
      const merchant = await setMerchantStatus(c.var.db, c.env, actorOf(c, { ip: false }), c.req.valid("param").merchantId, status);
      return c.json({ merchant }, 200);
    },
  );
}
