import { describe, expect, it } from "vitest";
import { addStoreDecision, inviteDecision, removalDecision, roleChangeDecision, storeWorkDecision, type StaffActor } from "../../src/domain/staff/policy";

const owner: StaffActor = { role: "owner", storeId: null };
const manager: StaffActor = { role: "manager", storeId: null };
const storeManager: StaffActor = { role: "manager", storeId: "sto_a" };
const waiterAtA: StaffActor = { role: "waiter", storeId: "sto_a" };

describe("staff policy: invitations", () => {
  it("owners invite managers; managers do not", () => {
    expect(inviteDecision(owner, { role: "manager" })).toEqual({ ok: true, value: null });
    const refused = inviteDecision(manager, { role: "manager" });
    expect(refused).toEqual({ ok: false, refusal: { kind: "forbidden", code: "forbidden", message: "Only an owner can invite managers." } });
    expect(inviteDecision(manager, { role: "owner" }).ok).toBe(false);
    expect(inviteDecision(manager, { role: "waiter", storeId: "sto_b" })).toEqual({ ok: true, value: "sto_b" });
  });

  it("a single-store manager invites to their own store only, and the invitation is for that store", () => {
    expect(inviteDecision(storeManager, { role: "kitchen" })).toEqual({ ok: true, value: "sto_a" });
    expect(inviteDecision(storeManager, { role: "kitchen", storeId: "sto_a" })).toEqual({ ok: true, value: "sto_a" });
    const other = inviteDecision(storeManager, { role: "waiter", storeId: "sto_b" });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.refusal.message).toBe("You can invite people to your own store only.");
  });
});

describe("staff policy: the last owner", () => {
  it("cannot be demoted or removed; one of two owners can", () => {
    expect(roleChangeDecision({ role: "owner" }, "manager", 1)).toEqual({
      ok: false,
      refusal: { kind: "conflict", code: "last_owner", message: "A merchant needs at least one owner." },
    });
    expect(roleChangeDecision({ role: "owner" }, "manager", 2).ok).toBe(true);
    expect(roleChangeDecision({ role: "owner" }, "owner", 1).ok).toBe(true);
    expect(removalDecision({ role: "owner" }, 1).ok).toBe(false);
    expect(removalDecision({ role: "owner" }, 2).ok).toBe(true);
  });

  it("other members change role and leave freely", () => {
    expect(roleChangeDecision({ role: "waiter" }, "kitchen", 1).ok).toBe(true);
    expect(removalDecision({ role: "manager" }, 1).ok).toBe(true);
  });
});

describe("staff policy: stores", () => {
  it("a single-store manager cannot add stores; a merchant-wide one can", () => {
    expect(addStoreDecision(manager).ok).toBe(true);
    const refused = addStoreDecision(storeManager);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.refusal.message).toBe("You manage one store; ask an owner to add stores.");
  });

  it("staff limited to one store work at that store only", () => {
    expect(storeWorkDecision(waiterAtA, "sto_a").ok).toBe(true);
    expect(storeWorkDecision(waiterAtA, "sto_b")).toEqual({ ok: false, refusal: { kind: "forbidden", code: "forbidden", message: "You work at another store." } });
    expect(storeWorkDecision(owner, "sto_b").ok).toBe(true);
  });
});
