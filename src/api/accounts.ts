import { z } from "@hono/zod-openapi";
import { ImageRefSchema } from "./images";
import { MERCHANT_ROLES, ROLES } from "../domain/accounts";

/**
 * Response shapes of the account resources (users, merchants, stores, staff, partners), declared
 * once: the routes put them in /api/openapi.json and the web apps take their types from here
 * (`import type`, so none of this reaches a browser bundle). Imports only zod and src/domain.
 */

export const RoleSchema = z.enum(ROLES);
export const MerchantRoleSchema = z.enum(MERCHANT_ROLES);

export const MembershipSchema = z.object({
  role: RoleSchema,
  merchantId: z.string().nullable(),
  merchantName: z.string().nullable(),
  merchantSlug: z.string().nullable(),
  isvId: z.string().nullable(),
  isvName: z.string().nullable(),
  storeId: z.string().nullable(),
});

export const MeSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    csrfToken: z.string().openapi({ description: "Send as X-CSRF-Token on every write." }),
    memberships: z.array(MembershipSchema),
  })
  .openapi("Me");

export const InvitationInfoSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    merchantName: z.string().nullable(),
    isvName: z.string().nullable(),
    hasAccount: z.boolean(),
  })
  .openapi("InvitationInfo");

export const BrandingSchema = z.object({
  logoUrl: z.string().url().max(500).optional(),
  coverUrl: z.string().url().max(500).optional(),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1f6f5c.").optional(),
  logo: ImageRefSchema.optional(),
  cover: ImageRefSchema.optional(),
});

export const MerchantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    status: z.enum(["active", "suspended"]),
    languages: z.array(z.string()),
    branding: BrandingSchema,
    isvId: z.string().nullable(),
    menuVersion: z.number().int(),
    createdAt: z.number().int(),
  })
  .openapi("Merchant");

export const StoreSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    timeZone: z.string(),
    currency: z.string(),
    languages: z.array(z.string()),
    status: z.enum(["open", "closed"]),
    address: z.string(),
    requireAllConfirm: z.boolean(),
    admission: z.enum(["party", "open"]).openapi({ description: "party: the seated guests let newcomers in; open: anyone who scans joins" }),
    confirmFirstRound: z.boolean().openapi({ description: "The first round of a session a guest opened waits for staff on the board" }),
    createdAt: z.number().int(),
  })
  .openapi("Store");

/** What the signed-in user may do in a merchant. */
export const AccessSchema = z.object({
  role: MerchantRoleSchema,
  via: z.enum(["membership", "isv", "platform"]),
  storeId: z.string().nullable(),
});

export const StaffMemberSchema = z
  .object({ membershipId: z.string(), userId: z.string(), email: z.string(), name: z.string(), role: MerchantRoleSchema, storeId: z.string().nullable() })
  .openapi("StaffMember");

export const InvitationSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: MerchantRoleSchema, storeId: z.string().nullable(), createdAt: z.number(), expiresAt: z.number() })
  .openapi("Invitation");

export const AuditEntrySchema = z.object({
  id: z.string(),
  action: z.string(),
  actorEmail: z.string().nullable(),
  target: z.string(),
  data: z.record(z.string(), z.unknown()),
  ip: z.string(),
  createdAt: z.number(),
});

export const IsvMerchantSchema = z
  .object({ id: z.string(), name: z.string(), slug: z.string(), status: z.enum(["active", "suspended"]), createdAt: z.number(), ownerEmail: z.string().nullable() })
  .openapi("IsvMerchant");

export const ApiKeySchema = z
  .object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.number(), lastUsedAt: z.number().nullable(), revokedAt: z.number().nullable() })
  .openapi("ApiKey");

export type Membership = z.infer<typeof MembershipSchema>;
export type Me = z.infer<typeof MeSchema>;
export type InvitationInfo = z.infer<typeof InvitationInfoSchema>;
export type Branding = z.infer<typeof BrandingSchema>;
export type Merchant = z.infer<typeof MerchantSchema>;
export type Store = z.infer<typeof StoreSchema>;
export type MerchantAccess = z.infer<typeof AccessSchema>;
export type StaffMember = z.infer<typeof StaffMemberSchema>;
export type Invitation = z.infer<typeof InvitationSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type IsvMerchant = z.infer<typeof IsvMerchantSchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
