import { createRoute, z } from "@hono/zod-openapi";
import { desc, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, jsonBody, jsonOk, Email, Password, IdParam } from "../schemas";
import { conflict, forbidden, notFound, unauthorized } from "../errors";
import { clientIp, requireAuth } from "../middleware/session";
import { isvs, memberships, merchants, users } from "../../db/schema";
import { auditInsert } from "../../db/audit";
import { batch } from "../../db/client";
import { hashPassword, timingSafeEqual } from "../../domain/passwords";
import { newId } from "../../domain/ids";
import { MerchantSchema } from "../../api/accounts";
import { forgetMerchant } from "../../pages/cache";
import { createInvitation } from "./merchants";
import { plainText } from "../../domain/text";
import { announceStoreChange } from "../../floor/announce";

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

/** Creates the platform admin if none exists yet; shared by the bootstrap route and the dev seed. */
export async function bootstrapPlatformAdmin(c: Context<AppEnv>, input: { email: string; password: string; name?: string }) {
  const db = c.var.db;
  const [admin] = await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.role, "platform_admin")).limit(1);
  if (admin) return { created: false };
  const [existing] = await db.select().from(users).where(eq(users.email, input.email));
  const userId = existing?.id ?? newId("usr");
  const now = Date.now();
  await batch(db, [
    ...(existing ? [] : [db.insert(users).values({ id: userId, email: input.email, name: input.name ?? "Platform admin", passwordHash: await hashPassword(input.password), createdAt: now })]),
    db.insert(memberships).values({ id: newId("mem"), userId, role: "platform_admin", createdAt: now }),
    auditInsert(db, { action: "platform.bootstrapped", actorUserId: userId, target: input.email, ip: clientIp(c) }),
  ]);
  return { created: true };
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
    const { created } = await bootstrapPlatformAdmin(c, c.req.valid("json"));
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
    const rows = await c.var.db.select().from(isvs).orderBy(desc(isvs.createdAt));
    return c.json({ isvs: rows }, 200);
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
    const auth = requirePlatformAdmin(c);
    const input = c.req.valid("json");
    const isv = { id: newId("isv"), name: input.name, commissionBps: input.commissionBps, status: "active" as const, createdAt: Date.now() };
    const inv = await createInvitation(c, { email: input.adminEmail, name: input.adminName, role: "isv_admin", isvId: isv.id });
    await c.var.db.batch([
      c.var.db.insert(isvs).values(isv),
      inv.insert,
      auditInsert(c.var.db, { action: "isv.created", isvId: isv.id, actorUserId: auth.user.id, target: isv.id }),
    ]);
    return c.json({ isv, inviteUrl: inv.inviteUrl }, 201);
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
    const rows = await c.var.db.select().from(merchants).orderBy(desc(merchants.createdAt));
    return c.json({ merchants: rows }, 200);
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
      const auth = requirePlatformAdmin(c);
      const { merchantId } = c.req.valid("param");
      const [m] = await c.var.db.select().from(merchants).where(eq(merchants.id, merchantId));
      if (!m) throw notFound("Merchant");
      await c.var.db.batch([
        // Bumping the menu version makes cached guest pages show the new status at once.
        c.var.db.update(merchants).set({ status, menuVersion: sql`${merchants.menuVersion} + 1` }).where(eq(merchants.id, merchantId)),
        auditInsert(c.var.db, { action: status === "active" ? "merchant.reactivated" : "merchant.suspended", merchantId, actorUserId: auth.user.id, target: merchantId }),
      ]);
      await forgetMerchant(merchantId);
      // Seated tables stop (or resume) ordering now, not when a cache expires.
      await announceStoreChange(c.env, merchantId);
      const [updated] = await c.var.db.select().from(merchants).where(eq(merchants.id, merchantId));
      return c.json({ merchant: updated! }, 200);
    },
  );
}
