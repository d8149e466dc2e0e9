import { and, eq, isNull } from "drizzle-orm";
import type { TenantScope } from "../db/scope";
import { invitations, memberships, stores, users } from "../db/schema";
import { inviteDecision, removalDecision, roleChangeDecision, type StaffRole } from "../domain/staff/policy";
import type { TenantCall } from "./actor";
import { commit } from "./commit";
import { conflict, invalid, notFound } from "./errors";
import { newInvitation, type InvitationRow } from "./invitations";
import { enforce, staffActor } from "./policy";

/**
 * A merchant's team: members, invitations, roles. The rules (last owner, managers cannot invite
 * managers, single-store managers) are in src/domain/staff/policy.ts; every change is written with
 * its audit entry.
 */

export interface Member {
  membershipId: string;
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  storeId: string | null;
}

export const invitationView = (i: InvitationRow) => ({
  id: i.id,
  email: i.email,
  name: i.name,
  role: i.role as StaffRole,
  storeId: i.storeId,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
});

/** Staff members and the invitations still pending (neither accepted, revoked nor expired). */
export async function listStaff(scope: TenantScope) {
  const members = await scope.pick(
    { membershipId: memberships.id, userId: users.id, email: users.email, name: users.name, role: memberships.role, storeId: memberships.storeId },
    memberships,
    undefined,
    { joins: [{ table: users, on: eq(users.id, memberships.userId) }] },
  );
  const pending = await scope.select(invitations, and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  return {
    members: members.map((m) => ({ ...m, role: m.role as StaffRole })) as Member[],
    invitations: pending.filter((i) => i.expiresAt > Date.now()).map(invitationView),
  };
}

async function requireStore(scope: TenantScope, storeId: string) {
  if (!(await scope.first(stores, eq(stores.id, storeId)))) throw invalid("invalid_request", "storeId: No such store.");
}

/** Invites someone with a role; answers the invitation and the link to hand over. */
export async function invite(call: TenantCall, input: { email: string; name?: string; role: StaffRole; storeId?: string }, origin: string) {
  const { scope } = call;
  const storeId = enforce(inviteDecision(staffActor(call.actor), input));
  if (storeId) await requireStore(scope, storeId);
  const [existing] = await scope.pick({ id: memberships.id }, memberships, eq(users.email, input.email), {
    joins: [{ table: users, on: eq(users.id, memberships.userId) }],
  });
  if (existing) throw conflict("already_member", `${input.email} is already on the team.`);
  const { row, inviteUrl } = await newInvitation(call.actor, { ...input, storeId, merchantId: scope.merchantId }, origin);
  const { merchantId: _m, ...values } = row;
  await commit(call, [scope.insert(invitations, values)], { audit: { action: "staff.invited", target: input.email, data: { role: input.role } } });
  return { invitation: invitationView(row), inviteUrl };
}

export async function revokeInvitation(call: TenantCall, invitationId: string) {
  const { scope } = call;
  const pending = and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
  if (!(await scope.first(invitations, pending))) throw notFound("Invitation");
  await commit(call, [scope.update(invitations, { revokedAt: Date.now() }, eq(invitations.id, invitationId))], {
    audit: { action: "staff.invitation_revoked", target: invitationId },
  });
}

async function findMember(scope: TenantScope, membershipId: string) {
  const member = await scope.first(memberships, eq(memberships.id, membershipId));
  if (!member) throw notFound("Staff member");
  return { ...member, role: member.role as StaffRole };
}

const ownerCount = (scope: TenantScope) => scope.count(memberships, eq(memberships.role, "owner"));

/** Changes a member's role and/or store; the last owner stays an owner. */
export async function changeRole(call: TenantCall, membershipId: string, change: { role?: StaffRole; storeId?: string | null }) {
  const { scope } = call;
  const member = await findMember(scope, membershipId);
  const role = change.role ?? member.role;
  if (member.role === "owner" && role !== "owner") enforce(roleChangeDecision(member, role, await ownerCount(scope)));
  if (change.storeId) await requireStore(scope, change.storeId);
  await commit(call, [scope.update(memberships, { role, ...(change.storeId !== undefined ? { storeId: change.storeId } : {}) }, eq(memberships.id, membershipId))], {
    audit: { action: "staff.role_changed", target: member.userId, data: { from: member.role, to: role } },
  });
}

/** Removes a member; the last owner stays. */
export async function removeMember(call: TenantCall, membershipId: string) {
  const { scope } = call;
  const member = await findMember(scope, membershipId);
  if (member.role === "owner") enforce(removalDecision(member, await ownerCount(scope)));
  await commit(call, [scope.delete(memberships, eq(memberships.id, membershipId))], {
    audit: { action: "staff.removed", target: member.userId, data: { role: member.role } },
  });
}
