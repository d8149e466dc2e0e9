import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { TenantScope } from "../db/scope";
import { withoutPlacement } from "../db/ledger/placement";
import { apiKeys, memberships, merchants, stores, users } from "../db/schema";
import { newId, randomToken, sha256Hex } from "../domain/ids";
import type { Actor } from "./actor";
import { controlAudit } from "./audit";
import { notFound } from "./errors";

/** What an ISV sees and does in the partner portal and the partner API: its merchants and its API keys. */

/** Merchants of one ISV with their owner's email, newest first. */
export async function isvMerchants(db: Db, isvId: string) {
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

/** A merchant of this ISV with its stores and owner, or not found: another ISV's merchants do not exist for it. */
export async function isvMerchant(db: Db, isvId: string, merchantId: string) {
  const [m] = await db.select().from(merchants).where(and(eq(merchants.id, merchantId), eq(merchants.isvId, isvId)));
  if (!m) throw notFound("Merchant");
  // From here on the merchant is known to be this ISV's: its rows are read through its scope.
  const scope = new TenantScope(db, m.id);
  const storeRows = await scope.select(stores);
  const [owner] = await scope.pick({ email: users.email }, memberships, eq(memberships.role, "owner"), {
    joins: [{ table: users, on: eq(users.id, memberships.userId) }],
  });
  return { merchant: withoutPlacement(m), stores: storeRows, ownerEmail: owner?.email ?? null };
}

export type ApiKeyView = { id: string; name: string; prefix: string; createdAt: number; lastUsedAt: number | null; revokedAt: number | null };

export async function listApiKeys(db: Db, isvId: string): Promise<ApiKeyView[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.isvId, isvId));
  return rows.map(({ keyHash: _h, isvId: _i, ...k }) => k);
}

/** A new partner API key; the secret is answered once and only its hash is kept. */
export async function createApiKey(db: Db, actor: Actor, isvId: string, name: string) {
  const prefix = randomToken(8);
  const secret = `tsk_${prefix}_${randomToken(40)}`;
  const key: ApiKeyView = { id: newId("key"), name, prefix, createdAt: Date.now(), lastUsedAt: null, revokedAt: null };
  await db.batch([
    db.insert(apiKeys).values({ ...key, isvId, keyHash: await sha256Hex(secret) }),
    controlAudit(db, actor, { action: "api_key.created", isvId, target: key.id }),
  ]);
  return { key, secret };
}

export async function revokeApiKey(db: Db, actor: Actor, isvId: string, keyId: string) {
  const [key] = await db.select().from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.isvId, isvId), isNull(apiKeys.revokedAt)));
  if (!key) throw notFound("API key");
  await db.batch([
    db.update(apiKeys).set({ revokedAt: Date.now() }).where(eq(apiKeys.id, keyId)),
    controlAudit(db, actor, { action: "api_key.revoked", isvId, target: keyId }),
  ]);
}
