import type { Role } from "../domain/accounts";
import { invitations } from "../db/schema";
import { newId, randomToken, sha256Hex } from "../domain/ids";
import { actorUserId, type Actor } from "./actor";

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
