import type { Decision } from "../domain/staff/policy";
import { Refusal } from "./errors";
import { actorStore, type Actor } from "./actor";
import type { StaffActor, StaffRole } from "../domain/staff/policy";

/** A policy's answer, or the refusal thrown. */
export function enforce<T>(decision: Decision<T>): T {
  if (!decision.ok) throw new Refusal(decision.refusal.kind, decision.refusal.code, decision.refusal.message);
  return decision.value;
}

/** The actor as the staff policy sees it: ISV and platform admins act as owners. */
export function staffActor(actor: Actor): StaffActor {
  if (actor.kind === "system") return { role: "owner", storeId: null };
  // No role in the merchant: the least one, so a rule never grants by accident.
  const role: StaffRole = actor.role === "isv_admin" || actor.role === "platform_admin" ? "owner" : (actor.role ?? "kitchen");
  return { role, storeId: actorStore(actor) };
}
