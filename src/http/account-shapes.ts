import { z } from "@hono/zod-openapi";
import type { merchants, stores } from "../db/schema";
import { RESERVED_SLUGS, SLUG_PATTERN } from "../domain/slug";
import { plainText } from "../api/text";
import { CurrencyCode, Email, IanaTimeZone, LanguageTag } from "./schemas";

/**
 * Request schemas and row-to-answer mappers the account routes share (sign-up, console, partner
 * portal, partner API), so no route file imports another.
 */

export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, "Use 1–48 lower-case letters, digits and hyphens.")
  .refine((s) => !RESERVED_SLUGS.has(s), "This name is reserved.");

export const StoreInput = z.object({
  name: plainText(80, 1),
  slug: Slug.optional(),
  timeZone: IanaTimeZone,
  currency: CurrencyCode,
  languages: z.array(LanguageTag).min(1).max(8),
  address: plainText(200).optional(),
});

export const ProvisionSchema = z
  .object({
    businessName: plainText(80, 2),
    slug: Slug.optional(),
    ownerEmail: Email,
    ownerName: plainText(80).optional(),
    store: StoreInput,
  })
  .openapi("ProvisionMerchant");

export const toMerchant = (m: typeof merchants.$inferSelect) => ({
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
