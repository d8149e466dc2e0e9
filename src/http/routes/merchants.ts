import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../router";
import { AccessSchema, AuditEntrySchema, InvitationSchema, MerchantSchema, MerchantRoleSchema as StaffRole, StaffMemberSchema as MemberSchema, StoreSchema } from "../../api/accounts";
import { errors, jsonBody, jsonOk, Email, CurrencyCode, IanaTimeZone, LanguageTag, IdParam } from "../schemas";
import { MANAGERS, OWNERS, STAFF, requireMerchant } from "../middleware/tenant";
import { callOf } from "../actor";
import { plainText } from "../../api/text";
import { patchOf } from "../../api/patch";
import { Slug, StoreInput, toMerchant, toStore } from "../account-shapes";
import { getMerchant, updateMerchant } from "../../services/merchants";
import { slugRegistry } from "../../services/slugs";
import { addStore, getStore, listStores, updateStore } from "../../services/stores";
import { changeRole, invite, listStaff, removeMember, revokeInvitation } from "../../services/staff";
import { auditEntries } from "../../services/audit";

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

const InvitableRole = z.enum(["manager", "waiter", "kitchen"]);

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
    const merchant = await getMerchant(c.var.scope);
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
  async (c) => c.json({ merchant: toMerchant(await updateMerchant(callOf(c), slugRegistry(c.var.db), c.req.valid("json"))) }, 200),
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
  async (c) => c.json({ stores: (await listStores(c.var.scope)).map(toStore) }, 200),
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
  async (c) => c.json({ store: toStore(await addStore(callOf(c), c.req.valid("json"))) }, 201),
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
  async (c) => c.json({ store: toStore(await getStore(c.var.scope, c.req.valid("param").storeId)) }, 200),
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
  async (c) => c.json({ store: toStore(await updateStore(callOf(c), c.req.valid("param").storeId, c.req.valid("json"))) }, 200),
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
  async (c) => c.json(await listStaff(c.var.scope), 200),
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
  async (c) => c.json(await invite(callOf(c), c.req.valid("json"), new URL(c.req.url).origin), 201),
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
    await revokeInvitation(callOf(c), c.req.valid("param").invitationId);
    return c.json({ ok: true as const }, 200);
  },
);

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
    await changeRole(callOf(c), c.req.valid("param").membershipId, c.req.valid("json"));
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
    await removeMember(callOf(c), c.req.valid("param").membershipId);
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
  async (c) => c.json({ entries: await auditEntries(c.var.scope, c.req.valid("query")) }, 200),
);
