import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { TenantScope } from "../db/scope";
import { choosePlacement, withoutPlacement } from "../db/ledger/placement";
import { invitations, memberships, merchants, stores, users } from "../db/schema";
import { hashPassword } from "../domain/passwords";
import { newId } from "../domain/ids";
import { slugify } from "../domain/slug";
import { systemActor, type Actor } from "./actor";
import { controlAudit, tenantAudit } from "./audit";
import { conflict } from "./errors";
import { newInvitation } from "./invitations";
import { freeSlug, slugRegistry } from "./slugs";
import { storeValues, type NewStore } from "./stores";

/**
 * A merchant comes into being: signed up by its owner, or provisioned by an ISV. Either way the
 * merchant, its first store and its owner (an account, or an invitation) are written in one
 * batch, all or nothing, with the audit entry; the new tenant's rows go through its own scope.
 */

async function chooseSlug(db: Db, businessName: string, wanted?: string): Promise<string> {
  const slugs = slugRegistry(db);
  if (!wanted) return freeSlug(slugs, slugify(businessName));
  if (!(await slugs.available(wanted))) throw conflict("slug_taken", `The link /m/${wanted} is taken; choose another.`);
  return wanted;
}

export interface SignUp {
  businessName: string;
  slug?: string;
  ownerName: string;
  email: string;
  password: string;
  store: NewStore;
}

/** A restaurant signs up: merchant, owner account and first store. Answers the new owner's user id. */
export async function signUp(db: Db, input: SignUp, ip: string): Promise<{ userId: string; merchantId: string }> {
  const slug = await chooseSlug(db, input.businessName, input.slug);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (existing) throw conflict("email_taken", "An account with this email exists; sign in instead.");
  const now = Date.now();
  const merchantId = newId("mer");
  const userId = newId("usr");
  const tenant = new TenantScope(db, merchantId);
  const ledger = await choosePlacement(db);
  const owner: Actor = { kind: "user", userId, name: input.ownerName, role: "owner", storeId: null, ip };
  await db.batch([
    db.insert(merchants).values({ id: merchantId, name: input.businessName, slug, languages: input.store.languages, ledger, createdAt: now }),
    tenant.insert(stores, storeValues(input.store, newId("sto"), now)),
    db.insert(users).values({ id: userId, email: input.email, name: input.ownerName, passwordHash: await hashPassword(input.password), createdAt: now }),
    tenant.insert(memberships, { id: newId("mem"), userId, role: "owner", createdAt: now }),
    tenantAudit(tenant, owner, { action: "merchant.signed_up", target: merchantId }),
  ]);
  return { userId, merchantId };
}

export interface Provision {
  businessName: string;
  slug?: string;
  ownerEmail: string;
  ownerName?: string;
  store: NewStore;
}

/**
 * An ISV creates a merchant: the merchant, its first store, and an owner invitation whose link
 * the ISV hands to the owner (the owner sets their own password). `actor` is the ISV's admin, or
 * the system for a partner API key.
 */
export async function provisionMerchant(db: Db, actor: Actor, isvId: string, input: Provision, origin: string) {
  const slug = await chooseSlug(db, input.businessName, input.slug);
  const now = Date.now();
  const merchantId = newId("mer");
  const tenant = new TenantScope(db, merchantId);
  const ledger = await choosePlacement(db);
  const [existingUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.ownerEmail));
  const { row, inviteUrl } = await newInvitation(actor, { email: input.ownerEmail, name: input.ownerName, role: "owner", merchantId }, origin);
  const { merchantId: _m, ...invitation } = row;
  await db.batch([
    db.insert(merchants).values({ id: merchantId, isvId, name: input.businessName, slug, languages: input.store.languages, ledger, createdAt: now }),
    tenant.insert(stores, storeValues(input.store, newId("sto"), now)),
    tenant.insert(invitations, invitation),
    controlAudit(db, actor, { action: "merchant.provisioned", merchantId, isvId, target: merchantId, data: { ownerEmail: input.ownerEmail, existingUser: !!existingUser } }),
  ]);
  const merchant = withoutPlacement((await tenant.merchantRow())!);
  return { merchant, inviteUrl };
}

export const partnerActor = (isvId: string) => systemActor(`partner-api:${isvId}`);
