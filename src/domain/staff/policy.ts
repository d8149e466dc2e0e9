/**
 * Who may do what to a merchant's team: pure rules, no I/O. Services ask these before writing;
 * a refusal names its code and message, the caller decides how to answer it.
 */
import type { MerchantRole } from "../accounts";

export type StaffRole = MerchantRole;

export interface StaffActor {
  role: StaffRole;
  /** The one store a membership is limited to; null for the whole merchant. */
  storeId: string | null;
}

export interface PolicyRefusal {
  kind: "forbidden" | "conflict";
  code: string;
  message: string;
}

export type Decision<T = undefined> = { ok: true; value: T } | { ok: false; refusal: PolicyRefusal };

const allow = <T>(value: T): Decision<T> => ({ ok: true, value });
const forbid = (message: string): Decision<never> => ({ ok: false, refusal: { kind: "forbidden", code: "forbidden", message } });
const LAST_OWNER: Decision<never> = { ok: false, refusal: { kind: "conflict", code: "last_owner", message: "A merchant needs at least one owner." } };

/**
 * An invitation: managers cannot invite managers, and a manager of one store invites to that
 * store only. Answers the store the invitation is for (a single-store manager's own store).
 */
export function inviteDecision(actor: StaffActor, invite: { role: StaffRole; storeId?: string | null }): Decision<string | null> {
  if (actor.role === "manager" && (invite.role === "manager" || invite.role === "owner")) return forbid("Only an owner can invite managers.");
  if (actor.storeId && invite.storeId && invite.storeId !== actor.storeId) return forbid("You can invite people to your own store only.");
  return allow(actor.storeId ?? invite.storeId ?? null);
}

/** A role change: the last owner stays an owner. */
export function roleChangeDecision(member: { role: StaffRole }, nextRole: StaffRole, owners: number): Decision {
  if (member.role === "owner" && nextRole !== "owner" && owners <= 1) return LAST_OWNER;
  return allow(undefined);
}

/** Removing a member: the last owner stays. */
export function removalDecision(member: { role: StaffRole }, owners: number): Decision {
  if (member.role === "owner" && owners <= 1) return LAST_OWNER;
  return allow(undefined);
}

/** Adding a store: a manager limited to one store cannot. */
export function addStoreDecision(actor: StaffActor): Decision {
  return actor.storeId ? forbid("You manage one store; ask an owner to add stores.") : allow(undefined);
}

/** Acting on one store (marking a dish sold out there): staff limited to another store cannot. */
export function storeWorkDecision(actor: StaffActor, storeId: string): Decision {
  return actor.storeId && actor.storeId !== storeId ? forbid("You work at another store.") : allow(undefined);
}
