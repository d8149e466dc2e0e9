import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { TenantScope } from "../../src/db/scope";
import { auditLog, memberships, merchants, stores, users } from "../../src/db/schema";
import { systemActor, type Actor, type TenantCall } from "../../src/services/actor";
import { Refusal } from "../../src/services/errors";
import { addCategory, setSoldOut } from "../../src/services/menu";
import { invite, listStaff, removeMember } from "../../src/services/staff";
import { addStore } from "../../src/services/stores";
import { signUpMerchant, type SignedUp } from "../helpers/client";

/** Services are called without Hono: a scope, an actor and the bindings are all they need. */
const callFor = (merchantId: string, actor: Actor = systemActor("test")): TenantCall => ({ scope: new TenantScope(createDb(env.DB), merchantId), actor, env });

async function auditOf(merchantId: string) {
  return createDb(env.DB).select().from(auditLog).where(eq(auditLog.merchantId, merchantId));
}

describe("tenant services", () => {
  let a: SignedUp;
  let b: SignedUp;

  beforeAll(async () => {
    a = await signUpMerchant();
    b = await signUpMerchant();
  });

  it("a store change is written with its audit entry, naming the actor", async () => {
    const [owner] = await createDb(env.DB).select({ id: memberships.userId }).from(memberships).where(eq(memberships.merchantId, a.merchantId));
    const actor: Actor = { kind: "user", userId: owner!.id, name: "Olivia Owner", role: "owner", storeId: null, ip: "203.0.113.9" };
    const store = await addStore(callFor(a.merchantId, actor), { name: "Harbour", timeZone: "Europe/Paris", currency: "EUR", languages: ["en"] });
    const entry = (await auditOf(a.merchantId)).find((e) => e.action === "store.created");
    expect(entry).toMatchObject({ target: store.id, actorUserId: owner!.id, ip: "203.0.113.9" });
  });

  it("a menu write bumps the menu version in the same commit, whoever calls it", async () => {
    const d = createDb(env.DB);
    const [before] = await d.select({ v: merchants.menuVersion }).from(merchants).where(eq(merchants.id, a.merchantId));
    const { version } = await addCategory(callFor(a.merchantId), { name: { en: "Desserts" }, description: {}, station: "", hidden: false } as never);
    expect(version).toBe(before!.v + 1);
    const [after] = await d.select({ v: merchants.menuVersion }).from(merchants).where(eq(merchants.id, a.merchantId));
    expect(after!.v).toBe(version);
  });

  it("policies refuse with a Refusal the HTTP layer maps: last owner, store-limited staff", async () => {
    const { members } = await listStaff(callFor(a.merchantId).scope);
    expect(members).toHaveLength(1);
    const err = await removeMember(callFor(a.merchantId), members[0]!.membershipId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Refusal);
    expect(err).toMatchObject({ kind: "conflict", code: "last_owner" });
    const waiter: Actor = { kind: "user", userId: "usr_x", name: "W", role: "waiter", storeId: "sto_elsewhere", ip: "" };
    const refused = await setSoldOut(callFor(a.merchantId, waiter), "dsh_x", a.storeId, true).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "forbidden", message: "You work at another store." });
  });

  it("an invitation is stored through the scope, audited, and joins only this tenant's members", async () => {
    const { invitation, inviteUrl } = await invite(callFor(a.merchantId), { email: "new.cook@example.com", role: "kitchen" }, "https://t.test");
    expect(inviteUrl).toMatch(/^https:\/\/t\.test\/console\/invite\//);
    expect((await listStaff(callFor(a.merchantId).scope)).invitations.map((i) => i.id)).toContain(invitation.id);
    expect((await listStaff(callFor(b.merchantId).scope)).invitations).toEqual([]);
    expect((await auditOf(a.merchantId)).some((e) => e.action === "staff.invited" && e.target === "new.cook@example.com")).toBe(true);
    // B's owner is already a member of B, not of A: A's join on users finds nobody by that email.
    const [bOwner] = await createDb(env.DB).select({ email: users.email }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(memberships.merchantId, b.merchantId));
    const again = await invite(callFor(a.merchantId), { email: bOwner!.email, role: "waiter" }, "https://t.test");
    expect(again.invitation.email).toBe(bOwner!.email);
  });
});

describe("the tenant scope", () => {
  it("limits a joined tenant table to the tenant too, counts only its rows, and reads its own merchant row", async () => {
    const a = await signUpMerchant();
    const b = await signUpMerchant();
    const scope = new TenantScope(createDb(env.DB), a.merchantId);
    // A join of A's stores onto memberships, on a condition that would match B's rows too.
    const rows = await scope.pick({ store: stores.id, member: memberships.id }, stores, undefined, {
      joins: [{ table: memberships, on: eq(memberships.role, "owner") }],
    });
    expect(rows.length).toBe(1);
    expect(rows[0]!.store).toBe(a.storeId);
    expect(await scope.count(stores)).toBe(1);
    expect((await scope.merchantRow())?.id).toBe(a.merchantId);
    expect(await scope.first(stores, eq(stores.id, b.storeId))).toBeUndefined();
    expect("db" in scope).toBe(false);
  });
});
