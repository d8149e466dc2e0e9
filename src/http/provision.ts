import type { Context } from "hono";
import { and, eq } from "drizzle-orm";
import type { z } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";
import { memberships, merchants, stores, users } from "../db/schema";
import { auditInsert } from "../db/audit";
import { TenantScope } from "../db/scope";
import { newId } from "../domain/ids";
import { slugify } from "../domain/slug";
import { conflict } from "./errors";
import { freeSlug, slugAvailable, storeValues, type StoreInput } from "./routes/auth";
import { createInvitation } from "./routes/merchants";

export interface ProvisionInput {
  businessName: string;
  slug?: string;
  ownerEmail: string;
  ownerName?: string;
  store: z.infer<typeof StoreInput>;
}

/**
 * An ISV creates a merchant: the merchant, its first store, and an owner invitation whose link
 * the ISV hands to the owner (the owner sets their own password). One batch: all or nothing.
 */
export async function provisionMerchant(c: Context<AppEnv>, isvId: string, input: ProvisionInput, actorUserId: string | null) {
  const db = c.var.db;
  const slug = input.slug ?? (await freeSlug(c, slugify(input.businessName)));
  if (input.slug && !(await slugAvailable(c, slug))) throw conflict("slug_taken", `The link /m/${slug} is taken; choose another.`);
  const now = Date.now();
  const merchantId = newId("mer");
  const [existingUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.ownerEmail));
  const invitation = await createInvitation(c, { email: input.ownerEmail, name: input.ownerName, role: "owner", merchantId });
  await db.batch([
    db.insert(merchants).values({ id: merchantId, isvId, name: input.businessName, slug, languages: input.store.languages, createdAt: now }),
    new TenantScope(db, merchantId).insert(stores, storeValues(input.store, newId("sto"), now)),
    invitation.insert,
    auditInsert(db, { action: "merchant.provisioned", merchantId, isvId, actorUserId, target: merchantId, data: { ownerEmail: input.ownerEmail, existingUser: !!existingUser } }),
  ]);
  const [merchant] = await db.select().from(merchants).where(eq(merchants.id, merchantId));
  return { merchant: merchant!, inviteUrl: invitation.inviteUrl };
}

/** Merchants of one ISV with their owner's email. */
export async function isvMerchants(c: Context<AppEnv>, isvId: string) {
  const db = c.var.db;
  const rows = await db.select().from(merchants).where(eq(merchants.isvId, isvId));
  const owners = await db
    .select({ merchantId: memberships.merchantId, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(merchants, eq(merchants.id, memberships.merchantId))
    .where(and(eq(merchants.isvId, isvId), eq(memberships.role, "owner")));
  return rows
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((m) => ({
      id: m.id,
      name: m.name,
      slug: m.slug,
      status: m.status,
      createdAt: m.createdAt,
      ownerEmail: owners.find((o) => o.merchantId === m.id)?.email ?? null,
    }));
}
