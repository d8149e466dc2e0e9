import type { TenantScope } from "../db/scope";
import type { merchants } from "../db/schema";
import { mergeBranding, type BrandingPatch } from "../domain/branding";
import { forgetSlug } from "../pages/cache";
import type { TenantCall } from "./actor";
import { commit } from "./commit";
import { conflict, notFound } from "./errors";
import type { SlugRegistry } from "./slugs";

export type MerchantRow = typeof merchants.$inferSelect;

export interface MerchantChange {
  name?: string;
  slug?: string;
  languages?: string[];
  branding?: BrandingPatch;
}

/** The tenant's own merchant record. */
export async function getMerchant(scope: TenantScope): Promise<MerchantRow> {
  const merchant = await scope.merchantRow();
  if (!merchant) throw notFound("Merchant");
  return merchant;
}

/**
 * Changes the merchant's name, public link, languages or branding. The link is unique over the
 * platform (`slugs`); what guest pages show bumps the menu version so cached pages refresh, and a
 * changed link forgets the old one's cached page.
 */
export async function updateMerchant(call: TenantCall, slugs: SlugRegistry, change: MerchantChange): Promise<MerchantRow> {
  const { scope } = call;
  const current = await getMerchant(scope);
  const newSlug = change.slug && change.slug !== current.slug ? change.slug : undefined;
  if (newSlug && !(await slugs.available(newSlug))) throw conflict("slug_taken", `The link /m/${newSlug} is taken; choose another.`);
  const bump = change.languages !== undefined || change.branding !== undefined || change.name !== undefined;
  const { branding, ...fields } = change;
  const set = { ...fields, ...(branding ? { branding: mergeBranding(current.branding, branding) } : {}) };
  // An empty change writes only its audit entry.
  const statements = Object.keys(set).length || bump ? [scope.updateMerchant(set, bump)] : [];
  await commit(call, statements, { audit: { action: "merchant.updated", target: scope.merchantId, data: { ...change } } });
  if (newSlug) await forgetSlug(current.slug);
  return getMerchant(scope);
}
