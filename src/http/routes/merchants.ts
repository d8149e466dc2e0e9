import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { AccessSchema, AuditEntrySchema, BrandingSchema, InvitationSchema, MerchantSchema, MerchantRoleSchema as StaffRole, StaffMemberSchema as MemberSchema, StoreSchema } from "../../api/accounts";
import { errors, jsonBody, jsonOk, Email, CurrencyCode, IanaTimeZone, LanguageTag, IdParam } from "../schemas";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { MANAGERS, OWNERS, STAFF, requireMerchant } from "../middleware/tenant";
import { clientIp, requireAuth } from "../middleware/session";
import { auditLog, invitations, memberships, merchants, stores, users } from "../../db/schema";
import { auditInsert } from "../../db/audit";
import { newId, randomToken, sha256Hex } from "../../domain/ids";
import { slugify } from "../../domain/slug";
import { Slug, StoreInput, slugAvailable, storeValues } from "./auth";
import { forgetMerchant, forgetSlug } from "../../pages/cache";
import { bumpMenuVersion } from "../../db/menu/editor";
import { plainText } from "../../domain/text";
import { patchOf } from "../../domain/patch";
import { announceStoreChange } from "../../floor/announce";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

const MerchantParams = z.object({ merchantId: IdParam("merchantId") });
const StoreParams = MerchantParams.extend({ storeId: IdParam("storeId") });

/** Branding in a merchant PATCH: the keys sent change, `null` removes one, the others stay. */
const BrandingPatch = z
  .object({
    logoUrl: z.string().url().max(500).nullable(),
    coverUrl: z.string().url().max(500).nullable(),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1f6f5c.").nullable(),
  })
  .partial()
  .openapi("BrandingPatch", { description: "Only the keys sent change; `null` removes that one." });

function mergeBranding(current: z.infer<typeof BrandingSchema>, patch: z.infer<typeof BrandingPatch>): z.infer<typeof BrandingSchema> {
  const next: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}

const InvitableRole = z.enum(["manager", "waiter", "kitchen"]);

const toMerchant = (m: typeof merchants.$inferSelect) => ({
  id: m.id,
  name: m.name,
  slug: m.slug,
  status: m.status,
  languages: m.languages,
  branding: m.branding,
  isvId: m.isvId,
  menuVersion: m.menuVersion,
  createdAt: m.createdAt,
});
export const toStore = (s: typeof stores.$inferSelect) => ({
  id: s.id,
  name: s.name,
  slug: s.slug,
  timeZone: s.timeZone,
  currency: s.currency,
  languages: s.languages,
  status: s.status,
  address: s.address,
  requireAllConfirm: s.requireAllConfirm,
  admission: s.admission,
  confirmFirstRound: s.confirmFirstRound,
  createdAt: s.createdAt,
});

/** An invitation link; the token itself is only ever in this URL, D1 keeps its hash. */
export async function createInvitation(
  c: Context<AppEnv>,
  inv: { email: string; name?: string; role: typeof invitations.$inferInsert.role; merchantId?: string | null; isvId?: string | null; storeId?: string | null },
) {
  const token = randomToken(32);
  const now = Date.now();
  const row = {
    id: newId("inv"),
    tokenHash: await sha256Hex(token),
    email: inv.email,
    name: inv.name ?? "",
    role: inv.role,
    merchantId: inv.merchantId ?? null,
    isvId: inv.isvId ?? null,
    storeId: inv.storeId ?? null,
    invitedBy: c.var.auth?.user.id ?? null,
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
  };
  const inviteUrl = `${new URL(c.req.url).origin}/console/invite/${token}`;
  return { row, inviteUrl, insert: c.var.db.insert(invitations).values(row) };
}

export const merchantRoutes = createRouter();

merchantRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}",
    tags: ["console"],
    summary: "A merchant and the caller's role in it",
    security: [{ session: [] }],
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: MerchantParams },
    responses: { 200: jsonOk(z.object({ merchant: MerchantSchema, access: AccessSchema })), 401: errors[401], 404: errors[404] },
  }),
  async (c) => {
    const [merchant] = await c.var.db.select().from(merchants).where(eq(merchants.id, c.var.scope.merchantId));
    if (!merchant) throw notFound("Merchant");
    const { role, via, storeId } = c.var.access;
    return c.json({ merchant: toMerchant(merchant), access: { role, via, storeId } }, 200);
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}",
    tags: ["console"],
    summary: "Change the merchant's name, public link, languages or branding",
    security: [{ session: [] }],
    middleware: [requireMerchant(OWNERS)] as const,
    request: {
      params: MerchantParams,
      body: jsonBody(
        patchOf(
          z.object({
            name: plainText(80, 2),
            slug: Slug,
            languages: z.array(LanguageTag).min(1).max(8),
            branding: BrandingPatch,
          }),
        ).openapi("MerchantPatch"),
      ),
    },
    responses: { 200: jsonOk(z.object({ merchant: MerchantSchema })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const id = c.var.scope.merchantId;
    const db = c.var.db;
    const [current] = await db.select().from(merchants).where(eq(merchants.id, id));
    if (!current) throw notFound("Merchant");
    if (input.slug && input.slug !== current.slug && !(await slugAvailable(c, input.slug))) {
      throw conflict("slug_taken", `The link /m/${input.slug} is taken; choose another.`);
    }
    // Languages and branding show on guest pages: bump the menu version so cached pages refresh.
    const bump = input.languages !== undefined || input.branding !== undefined || input.name !== undefined;
    const { branding, ...fields } = input;
    await db.batch([
      db
        .update(merchants)
        .set({
          ...fields,
          ...(branding ? { branding: mergeBranding(current.branding, branding) } : {}),
          ...(bump ? { menuVersion: sql`${merchants.menuVersion} + 1` } : {}),
        })
        .where(eq(merchants.id, id)),
      auditInsert(db, { action: "merchant.updated", merchantId: id, actorUserId: requireAuth(c).user.id, target: id, data: input, ip: clientIp(c) }),
    ]);
    await forgetMerchant(id);
    if (input.slug && input.slug !== current.slug) await forgetSlug(current.slug);
    const [merchant] = await db.select().from(merchants).where(eq(merchants.id, id));
    return c.json({ merchant: toMerchant(merchant!) }, 200);
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores",
    tags: ["console"],
    summary: "The merchant's stores",
    security: [{ session: [] }],
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: MerchantParams },
    responses: { 200: jsonOk(z.object({ stores: z.array(StoreSchema) })), 404: errors[404] },
  }),
  async (c) => {
    const rows = await c.var.scope.select(stores);
    return c.json({ stores: rows.sort((a, b) => a.createdAt - b.createdAt).map(toStore) }, 200);
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/stores",
    tags: ["console"],
    summary: "Add a store (location)",
    security: [{ session: [] }],
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: MerchantParams, body: jsonBody(StoreInput) },
    responses: { 201: jsonOk(z.object({ store: StoreSchema })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const scope = c.var.scope;
    if (c.var.access.storeId) throw forbidden("You manage one store; ask an owner to add stores.");
    const slug = input.slug ?? (slugify(input.name) || "store");
    if (await scope.first(stores, eq(stores.slug, slug))) throw conflict("slug_taken", `A store with the link ${slug} exists; choose another.`);
    const id = newId("sto");
    await c.var.db.batch([
      scope.insert(stores, storeValues({ ...input, slug }, id)),
      auditInsert(c.var.db, { action: "store.created", merchantId: scope.merchantId, actorUserId: requireAuth(c).user.id, target: id, ip: clientIp(c) }),
    ]);
    await forgetMerchant(scope.merchantId);
    const store = await scope.first(stores, eq(stores.id, id));
    return c.json({ store: toStore(store!) }, 201);
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/stores/{storeId}",
    tags: ["console"],
    summary: "One store",
    security: [{ session: [] }],
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: StoreParams },
    responses: { 200: jsonOk(z.object({ store: StoreSchema })), 404: errors[404] },
  }),
  async (c) => {
    const store = await c.var.scope.first(stores, eq(stores.id, c.req.valid("param").storeId));
    if (!store) throw notFound("Store");
    return c.json({ store: toStore(store) }, 200);
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/stores/{storeId}",
    tags: ["console"],
    summary: "Change a store's settings, or open / close it",
    security: [{ session: [] }],
    middleware: [requireMerchant(MANAGERS)] as const,
    request: {
      params: StoreParams,
      // Every field optional and never defaulted (patchOf): a field left out keeps its value.
      body: jsonBody(
        patchOf(
          z.object({
            name: plainText(80, 1),
            slug: Slug,
            timeZone: IanaTimeZone,
            currency: CurrencyCode,
            languages: z.array(LanguageTag).min(1).max(8),
            address: plainText(200),
            status: z.enum(["open", "closed"]),
            requireAllConfirm: z.boolean(),
            admission: z.enum(["party", "open"]),
            confirmFirstRound: z.boolean(),
          }),
        ).openapi("StorePatch"),
      ),
    },
    responses: { 200: jsonOk(z.object({ store: StoreSchema })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { storeId } = c.req.valid("param");
    const input = c.req.valid("json");
    const scope = c.var.scope;
    const store = await scope.first(stores, eq(stores.id, storeId));
    if (!store) throw notFound("Store");
    if (input.slug && input.slug !== store.slug && (await scope.first(stores, eq(stores.slug, input.slug)))) {
      throw conflict("slug_taken", `A store with the link ${input.slug} exists; choose another.`);
    }
    const db = c.var.db;
    await db.batch([
      scope.update(stores, input, eq(stores.id, storeId)),
      // Guest pages show the store's state, currency and languages: refresh cached pages.
      bumpMenuVersion(scope),
      auditInsert(db, { action: "store.updated", merchantId: scope.merchantId, actorUserId: requireAuth(c).user.id, target: storeId, data: input, ip: clientIp(c) }),
    ]);
    await forgetMerchant(scope.merchantId);
    // Open tables act on a closed store or new admission settings at once.
    if (input.status !== undefined || input.admission !== undefined || input.confirmFirstRound !== undefined) await announceStoreChange(c.env, scope.merchantId, [storeId]);
    const updated = await scope.first(stores, eq(stores.id, storeId));
    return c.json({ store: toStore(updated!) }, 200);
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/staff",
    tags: ["console"],
    summary: "Staff members and pending invitations",
    security: [{ session: [] }],
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: MerchantParams },
    responses: { 200: jsonOk(z.object({ members: z.array(MemberSchema), invitations: z.array(InvitationSchema) })), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const scope = c.var.scope;
    const members = await c.var.db
      .select({ membershipId: memberships.id, userId: users.id, email: users.email, name: users.name, role: memberships.role, storeId: memberships.storeId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(scope.where(memberships));
    const pending = await c.var.scope.select(invitations, and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    return c.json(
      {
        members: members.map((m) => ({ ...m, role: m.role as z.infer<typeof StaffRole> })),
        invitations: (pending as (typeof invitations.$inferSelect)[])
          .filter((i) => i.expiresAt > Date.now())
          .map((i) => ({ id: i.id, email: i.email, name: i.name, role: i.role as z.infer<typeof StaffRole>, storeId: i.storeId, createdAt: i.createdAt, expiresAt: i.expiresAt })),
      },
      200,
    );
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/staff/invitations",
    tags: ["console"],
    summary: "Invite a staff member with a role; answers the invitation link to hand over",
    security: [{ session: [] }],
    middleware: [requireMerchant(MANAGERS)] as const,
    request: {
      params: MerchantParams,
      body: jsonBody(z.object({ email: Email, name: plainText(80).optional(), role: InvitableRole, storeId: z.string().max(64).optional() })),
    },
    responses: { 201: jsonOk(z.object({ invitation: InvitationSchema, inviteUrl: z.string() })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const scope = c.var.scope;
    if (c.var.access.role === "manager" && input.role === "manager") throw forbidden("Only an owner can invite managers.");
    // A manager of one store invites people to that store only.
    const own = c.var.access.storeId;
    if (own && input.storeId && input.storeId !== own) throw forbidden("You can invite people to your own store only.");
    if (own) input.storeId = own;
    if (input.storeId && !(await scope.first(stores, eq(stores.id, input.storeId)))) throw badRequest("invalid_request", "storeId: No such store.");
    const [existing] = await c.var.db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(scope.where(memberships), eq(users.email, input.email)));
    if (existing) throw conflict("already_member", `${input.email} is already on the team.`);
    const inv = await createInvitation(c, { ...input, merchantId: scope.merchantId });
    await c.var.db.batch([
      inv.insert,
      auditInsert(c.var.db, { action: "staff.invited", merchantId: scope.merchantId, actorUserId: requireAuth(c).user.id, target: input.email, data: { role: input.role }, ip: clientIp(c) }),
    ]);
    const { row } = inv;
    return c.json(
      { invitation: { id: row.id, email: row.email, name: row.name, role: row.role as z.infer<typeof StaffRole>, storeId: row.storeId, createdAt: row.createdAt, expiresAt: row.expiresAt }, inviteUrl: inv.inviteUrl },
      201,
    );
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/staff/invitations/{invitationId}",
    tags: ["console"],
    summary: "Revoke a pending invitation",
    security: [{ session: [] }],
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: MerchantParams.extend({ invitationId: IdParam("invitationId") }) },
    responses: { 200: jsonOk(z.object({ ok: z.literal(true) })), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { invitationId } = c.req.valid("param");
    const scope = c.var.scope;
    const found = await scope.first(invitations, and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    if (!found) throw notFound("Invitation");
    await c.var.db.batch([
      scope.update(invitations, { revokedAt: Date.now() }, eq(invitations.id, invitationId)),
      auditInsert(c.var.db, { action: "staff.invitation_revoked", merchantId: scope.merchantId, actorUserId: requireAuth(c).user.id, target: invitationId, ip: clientIp(c) }),
    ]);
    return c.json({ ok: true as const }, 200);
  },
);

async function findMember(c: Context<AppEnv>, membershipId: string) {
  const member = await c.var.scope.first(memberships, eq(memberships.id, membershipId));
  if (!member) throw notFound("Staff member");
  return member as typeof memberships.$inferSelect;
}

async function ownerCount(c: Context<AppEnv>): Promise<number> {
  return (await c.var.scope.select(memberships, eq(memberships.role, "owner"))).length;
}

merchantRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/staff/{membershipId}",
    tags: ["console"],
    summary: "Change a staff member's role",
    security: [{ session: [] }],
    middleware: [requireMerchant(OWNERS)] as const,
    request: {
      params: MerchantParams.extend({ membershipId: IdParam("membershipId") }),
      body: jsonBody(patchOf(z.object({ role: StaffRole, storeId: z.string().max(64).nullable() })).openapi("StaffPatch")),
    },
    responses: { 200: jsonOk(z.object({ ok: z.literal(true) })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { membershipId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await findMember(c, membershipId);
    const role = input.role ?? (member.role as z.infer<typeof StaffRole>);
    if (member.role === "owner" && role !== "owner" && (await ownerCount(c)) <= 1) {
      throw conflict("last_owner", "A merchant needs at least one owner.");
    }
    if (input.storeId && !(await c.var.scope.first(stores, eq(stores.id, input.storeId)))) throw badRequest("invalid_request", "storeId: No such store.");
    await c.var.db.batch([
      c.var.scope.update(memberships, { role, ...(input.storeId !== undefined ? { storeId: input.storeId } : {}) }, eq(memberships.id, membershipId)),
      auditInsert(c.var.db, { action: "staff.role_changed", merchantId: c.var.scope.merchantId, actorUserId: requireAuth(c).user.id, target: member.userId, data: { from: member.role, to: role }, ip: clientIp(c) }),
    ]);
    return c.json({ ok: true as const }, 200);
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/staff/{membershipId}",
    tags: ["console"],
    summary: "Remove a staff member",
    security: [{ session: [] }],
    middleware: [requireMerchant(OWNERS)] as const,
    request: { params: MerchantParams.extend({ membershipId: IdParam("membershipId") }) },
    responses: { 200: jsonOk(z.object({ ok: z.literal(true) })), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { membershipId } = c.req.valid("param");
    const member = await findMember(c, membershipId);
    if (member.role === "owner" && (await ownerCount(c)) <= 1) throw conflict("last_owner", "A merchant needs at least one owner.");
    await c.var.db.batch([
      c.var.scope.delete(memberships, eq(memberships.id, membershipId)),
      auditInsert(c.var.db, { action: "staff.removed", merchantId: c.var.scope.merchantId, actorUserId: requireAuth(c).user.id, target: member.userId, data: { role: member.role }, ip: clientIp(c) }),
    ]);
    return c.json({ ok: true as const }, 200);
  },
);

merchantRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/audit",
    tags: ["console"],
    summary: "The merchant's audit log, newest first",
    security: [{ session: [] }],
    middleware: [requireMerchant(MANAGERS)] as const,
    request: {
      params: MerchantParams,
      query: z.object({
        limit: z.coerce.number().int().min(1).max(200).default(50),
        before: z.coerce.number().int().optional().openapi({ description: "createdAt of the last entry of the previous page" }),
        beforeId: z.string().max(64).optional().openapi({ description: "id of that entry, for entries of the same millisecond" }),
      }),
    },
    responses: {
      200: jsonOk(
        z.object({
          entries: z.array(
            AuditEntrySchema,
          ),
        }),
      ),
      403: errors[403],
      404: errors[404],
    },
  }),
  async (c) => {
    const { limit, before, beforeId } = c.req.valid("query");
    const older =
      before === undefined
        ? undefined
        : beforeId
          ? or(lt(auditLog.createdAt, before), and(eq(auditLog.createdAt, before), lt(auditLog.id, beforeId)))
          : lt(auditLog.createdAt, before);
    const scope = c.var.scope;
    const rows = await c.var.db
      .select({ id: auditLog.id, action: auditLog.action, actorEmail: users.email, target: auditLog.target, data: auditLog.data, ip: auditLog.ip, createdAt: auditLog.createdAt })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(scope.where(auditLog, older))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(limit);
    return c.json({ entries: rows }, 200);
  },
);
