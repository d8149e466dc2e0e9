import { and, eq, isNull } from "drizzle-orm";
import { batch, type Db } from "../db/client";
import { invitations, isvs, memberships, merchants, users } from "../db/schema";
import type { Role } from "../domain/accounts";
import { newId, randomToken, sha256Hex } from "../domain/ids";
import { actorUserId, type Actor } from "./actor";
import { controlAudit } from "./audit";
import { conflict, notFound, Refusal } from "./errors";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export interface InvitationFor {
  email: string;
  name?: string;
  role: Role;
  merchantId?: string | null;
  isvId?: string | null;
  storeId?: string | null;
}

export type InvitationRow = typeof invitations.$inferSelect;

/**
 * A new invitation: the row to insert (the caller puts it in its own batch, through the tenant's
 * scope for a merchant's invitation) and the link to hand over. The token itself is only ever in
 * that link; D1 keeps its hash.
 */
export async function newInvitation(actor: Actor, inv: InvitationFor, origin: string): Promise<{ row: InvitationRow; inviteUrl: string }> {
  const token = randomToken(32);
  const now = Date.now();
  const row: InvitationRow = {
    id: newId("inv"),
    tokenHash: await sha256Hex(token),
    email: inv.email,
    name: inv.name ?? "",
    role: inv.role,
    merchantId: inv.merchantId ?? null,
    isvId: inv.isvId ?? null,
    storeId: inv.storeId ?? null,
    invitedBy: actorUserId(actor),
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
    acceptedAt: null,
    revokedAt: null,
  };
  return { row, inviteUrl: `${origin}/console/invite/${token}` };
}

/** A pending invitation by the token of its link: unknown, used and revoked ones are not found; expired ones are gone. */
export async function pendingInvitation(db: Db, token: string): Promise<InvitationRow> {
  const [inv] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, await sha256Hex(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .limit(1);
  if (!inv) throw notFound("Invitation");
  if (inv.expiresAt < Date.now()) throw new Refusal("gone", "invitation_expired", "This invitation has expired; ask for a new one.");
  return inv;
}

/** What an invitation link is for, shown before it is accepted. */
export async function invitationInfo(db: Db, inv: InvitationRow) {
  const [merchant] = inv.merchantId ? await db.select().from(merchants).where(eq(merchants.id, inv.merchantId)) : [];
  const [isv] = inv.isvId ? await db.select().from(isvs).where(eq(isvs.id, inv.isvId)) : [];
  const [user] = await db.select().from(users).where(eq(users.email, inv.email));
  return { email: inv.email, name: inv.name, role: inv.role, merchantName: merchant?.name ?? null, isvName: isv?.name ?? null, hasAccount: !!user?.passwordHash };
}

export type Account = typeof users.$inferSelect;

/**
 * Accepts an invitation: an existing account joins (it must not have a role there already); an
 * invited email without a password gets the new password (`newPasswordHash`) and, if it has no
 * account yet, a new account. The membership, the invitation's use and the audit entry are one
 * batch. Answers the user id. The caller checks an existing account's password first.
 */
export async function acceptInvitation(db: Db, inv: InvitationRow, account: Account | undefined, set: { newPasswordHash?: string; name?: string }, ip: string): Promise<string> {
  const now = Date.now();
  const writes = [];
  let userId: string;
  if (account?.passwordHash) {
    userId = account.id;
    const where = inv.merchantId ? eq(memberships.merchantId, inv.merchantId) : inv.isvId ? eq(memberships.isvId, inv.isvId) : undefined;
    if (where && (await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), where)).limit(1)).length) {
      throw conflict("already_member", "This account already has a role here; sign in instead.");
    }
  } else if (account) {
    userId = account.id;
    writes.push(db.update(users).set({ passwordHash: set.newPasswordHash, name: set.name ?? account.name }).where(eq(users.id, account.id)));
  } else {
    userId = newId("usr");
    writes.push(db.insert(users).values({ id: userId, email: inv.email, name: set.name ?? inv.name, passwordHash: set.newPasswordHash, createdAt: now }));
  }
  const actor: Actor = { kind: "user", userId, name: set.name ?? account?.name ?? inv.name, role: null, storeId: null, ip };
  await batch(db, [
    ...writes,
    db.insert(memberships).values({ id: newId("mem"), userId, role: inv.role, merchantId: inv.merchantId, isvId: inv.isvId, storeId: inv.storeId, createdAt: now }),
    db.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, inv.id)),
    controlAudit(db, actor, { action: "invitation.accepted", merchantId: inv.merchantId, isvId: inv.isvId, target: inv.id, data: { role: inv.role } }),
  ]);
  return userId;
}
