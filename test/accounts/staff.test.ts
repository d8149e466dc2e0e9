import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Client, signUpMerchant, unique } from "../helpers/client";
import { addStaff, tokenOf } from "../helpers/staff";

describe("staff invitations and roles", () => {
  it("an invited waiter sets a password, signs in, and gets the waiter role", async () => {
    const owner = await signUpMerchant();
    const email = `${unique("w")}@example.com`;
    const inv = await owner.client.post(`/api/merchants/${owner.merchantId}/staff/invitations`, { email, role: "waiter", name: "Wes" });
    expect(inv.status).toBe(201);
    expect(inv.body.inviteUrl).toMatch(/^https:\/\/tableside\.test\/console\/invite\/[0-9a-z]{32}$/);
    // The token is only in the link: D1 holds its hash.
    const stored = await env.DB.prepare("SELECT token_hash FROM invitations WHERE email = ?").bind(email).first<{ token_hash: string }>();
    expect(stored!.token_hash).toHaveLength(64);
    expect(stored!.token_hash).not.toBe(tokenOf(inv.body.inviteUrl));

    const guest = new Client();
    const info = await guest.get(`/api/auth/invitations/${tokenOf(inv.body.inviteUrl)}`);
    expect(info.body).toMatchObject({ email, role: "waiter", hasAccount: false });
    const weak = await guest.post(`/api/auth/invitations/${tokenOf(inv.body.inviteUrl)}/accept`, { password: "short" });
    expect(weak.status).toBe(400);
    const ok = await guest.post(`/api/auth/invitations/${tokenOf(inv.body.inviteUrl)}/accept`, { password: "waiter password 1" });
    expect(ok.status).toBe(200);
    expect(ok.body.memberships).toEqual([expect.objectContaining({ role: "waiter", merchantId: owner.merchantId })]);
    // The link works once.
    expect((await new Client().post(`/api/auth/invitations/${tokenOf(inv.body.inviteUrl)}/accept`, { password: "another password" })).status).toBe(404);
    expect((await new Client().post("/api/auth/login", { email, password: "waiter password 1" })).status).toBe(200);

    const team = await owner.client.get(`/api/merchants/${owner.merchantId}/staff`);
    expect(team.body.members.map((m: { role: string }) => m.role).sort()).toEqual(["owner", "waiter"]);
    expect(team.body.invitations).toEqual([]);
  });

  it("a waiter can read the merchant but not owner or manager settings (403)", async () => {
    const owner = await signUpMerchant();
    const waiter = await addStaff(owner, "waiter");
    const m = owner.merchantId;
    const me = await waiter.get(`/api/merchants/${m}`);
    expect(me.status).toBe(200);
    expect(me.body.access.role).toBe("waiter");
    expect((await waiter.get(`/api/merchants/${m}/stores`)).status).toBe(200);

    const refused = [
      await waiter.patch(`/api/merchants/${m}`, { name: "Waiter's place" }),
      await waiter.get(`/api/merchants/${m}/staff`),
      await waiter.post(`/api/merchants/${m}/staff/invitations`, { email: "x@example.com", role: "waiter" }),
      await waiter.post(`/api/merchants/${m}/stores`, { name: "Second", timeZone: "UTC", currency: "EUR", languages: ["en"] }),
      await waiter.patch(`/api/merchants/${m}/stores/${owner.storeId}`, { status: "closed" }),
      await waiter.get(`/api/merchants/${m}/audit`),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    const merchant = await owner.client.get(`/api/merchants/${m}`);
    expect(merchant.body.merchant.name).not.toBe("Waiter's place");
  });

  it("a manager runs stores and staff but cannot invite managers or change the merchant", async () => {
    const owner = await signUpMerchant();
    const manager = await addStaff(owner, "manager");
    const m = owner.merchantId;
    const store = await manager.post(`/api/merchants/${m}/stores`, { name: "Second site", timeZone: "Asia/Shanghai", currency: "CNY", languages: ["zh-CN", "en"] });
    expect(store.status).toBe(201);
    expect(store.body.store).toMatchObject({ slug: "second-site", currency: "CNY" });
    const closed = await manager.patch(`/api/merchants/${m}/stores/${store.body.store.id}`, { status: "closed", requireAllConfirm: true });
    expect(closed.body.store).toMatchObject({ status: "closed", requireAllConfirm: true });
    expect((await manager.post(`/api/merchants/${m}/staff/invitations`, { email: `${unique("k")}@example.com`, role: "kitchen" })).status).toBe(201);
    const mgr = await manager.post(`/api/merchants/${m}/staff/invitations`, { email: `${unique("m")}@example.com`, role: "manager" });
    expect(mgr.status).toBe(403);
    expect((await manager.patch(`/api/merchants/${m}`, { name: "Manager's" })).status).toBe(403);
  });

  it("owners change roles and remove staff, but never the last owner", async () => {
    const owner = await signUpMerchant();
    await addStaff(owner, "kitchen");
    const m = owner.merchantId;
    const team = (await owner.client.get(`/api/merchants/${m}/staff`)).body.members as { membershipId: string; role: string }[];
    const kitchen = team.find((x) => x.role === "kitchen")!;
    const self = team.find((x) => x.role === "owner")!;
    expect((await owner.client.patch(`/api/merchants/${m}/staff/${kitchen.membershipId}`, { role: "waiter" })).status).toBe(200);
    const demote = await owner.client.patch(`/api/merchants/${m}/staff/${self.membershipId}`, { role: "manager" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("last_owner");
    expect((await owner.client.del(`/api/merchants/${m}/staff/${self.membershipId}`)).status).toBe(409);
    expect((await owner.client.del(`/api/merchants/${m}/staff/${kitchen.membershipId}`)).status).toBe(200);
    const after = (await owner.client.get(`/api/merchants/${m}/staff`)).body.members;
    expect(after).toHaveLength(1);
    const audit = (await owner.client.get(`/api/merchants/${m}/audit`)).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(["staff.invited", "invitation.accepted", "staff.role_changed", "staff.removed", "merchant.signed_up"]));
  });

  it("revoked and expired invitations cannot be used", async () => {
    const owner = await signUpMerchant();
    const m = owner.merchantId;
    const a = await owner.client.post(`/api/merchants/${m}/staff/invitations`, { email: `${unique("a")}@example.com`, role: "waiter" });
    expect((await owner.client.del(`/api/merchants/${m}/staff/invitations/${a.body.invitation.id}`)).status).toBe(200);
    expect((await new Client().post(`/api/auth/invitations/${tokenOf(a.body.inviteUrl)}/accept`, { password: "some password 1" })).status).toBe(404);

    const b = await owner.client.post(`/api/merchants/${m}/staff/invitations`, { email: `${unique("b")}@example.com`, role: "waiter" });
    await env.DB.prepare("UPDATE invitations SET expires_at = 1 WHERE id = ?").bind(b.body.invitation.id).run();
    const expired = await new Client().post(`/api/auth/invitations/${tokenOf(b.body.inviteUrl)}/accept`, { password: "some password 1" });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe("invitation_expired");
  });

  it("an existing account joins a second merchant with its own password", async () => {
    const first = await signUpMerchant();
    const second = await signUpMerchant();
    const inv = await second.client.post(`/api/merchants/${second.merchantId}/staff/invitations`, { email: first.email, role: "manager" });
    expect(inv.status).toBe(201);
    const info = await new Client().get(`/api/auth/invitations/${tokenOf(inv.body.inviteUrl)}`);
    expect(info.body.hasAccount).toBe(true);
    const wrong = await new Client().post(`/api/auth/invitations/${tokenOf(inv.body.inviteUrl)}/accept`, { password: "not theirs 123" });
    expect(wrong.status).toBe(401);
    const ok = await new Client().post(`/api/auth/invitations/${tokenOf(inv.body.inviteUrl)}/accept`, { password: first.password });
    expect(ok.status).toBe(200);
    expect(ok.body.memberships.map((x: { role: string }) => x.role).sort()).toEqual(["manager", "owner"]);
    const again = await second.client.post(`/api/merchants/${second.merchantId}/staff/invitations`, { email: first.email, role: "waiter" });
    expect(again.status).toBe(409);
  });

  it("one invitation accepted twice at the same moment makes one account with one role", async () => {
    const owner = await signUpMerchant();
    const email = `${unique("twice")}@example.com`;
    const inv = await owner.client.post(`/api/merchants/${owner.merchantId}/staff/invitations`, { email, role: "waiter" });
    const token = tokenOf(inv.body.inviteUrl);
    const results = await Promise.all([1, 2].map(() => new Client().post(`/api/auth/invitations/${token}/accept`, { password: "waiter password 1" })));
    // The loser finds the invitation used (404) or loses the write (409); never a second account.
    const [won, lost] = results.map((r) => r.status).sort();
    expect(won).toBe(200);
    expect([404, 409]).toContain(lost);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?").bind(email).first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });

  it("an account gets one role per merchant, however many invitations it accepts", async () => {
    const owner = await signUpMerchant();
    const other = await signUpMerchant();
    const m = owner.merchantId;
    // Two pending invitations for the same person (an existing account elsewhere).
    const first = await owner.client.post(`/api/merchants/${m}/staff/invitations`, { email: other.email, role: "waiter" });
    const second = await owner.client.post(`/api/merchants/${m}/staff/invitations`, { email: other.email, role: "kitchen" });
    const [a, b] = await Promise.all(
      [first, second].map((inv) => new Client().post(`/api/auth/invitations/${tokenOf(inv.body.inviteUrl)}/accept`, { password: other.password })),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const later = await new Client().post(`/api/auth/invitations/${tokenOf((a!.status === 409 ? first : second).body.inviteUrl)}/accept`, { password: other.password });
    expect(later.status).toBe(409);
    expect(later.body.error.code).toBe("already_member");
    const team = (await owner.client.get(`/api/merchants/${m}/staff`)).body.members as { email: string }[];
    expect(team.filter((x) => x.email === other.email)).toHaveLength(1);
  });

  it("a manager limited to one store manages that store only", async () => {
    const owner = await signUpMerchant();
    const m = owner.merchantId;
    const other = (await owner.client.post(`/api/merchants/${m}/stores`, { name: "Harbour", timeZone: "Europe/Paris", currency: "EUR", languages: ["en"] })).body.store;
    const manager = await addStaff(owner, "manager", owner.storeId);

    expect((await manager.patch(`/api/merchants/${m}/stores/${owner.storeId}`, { address: "1 Main street" })).status).toBe(200);
    expect((await manager.get(`/api/merchants/${m}/stores/${owner.storeId}/tables`)).status).toBe(200);
    for (const res of [
      await manager.get(`/api/merchants/${m}/stores/${other.id}`),
      await manager.patch(`/api/merchants/${m}/stores/${other.id}`, { status: "closed" }),
      await manager.get(`/api/merchants/${m}/stores/${other.id}/tables`),
      await manager.post(`/api/merchants/${m}/stores/${other.id}/tables`, { name: "T1" }),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await manager.post(`/api/merchants/${m}/stores`, { name: "Third", timeZone: "UTC", currency: "EUR", languages: ["en"] })).status).toBe(403);
    expect((await manager.post(`/api/merchants/${m}/staff/invitations`, { email: `${unique("w")}@example.com`, role: "waiter", storeId: other.id })).status).toBe(403);
    const own = await manager.post(`/api/merchants/${m}/staff/invitations`, { email: `${unique("w")}@example.com`, role: "waiter" });
    expect(own.status).toBe(201);
    expect(own.body.invitation.storeId).toBe(owner.storeId);
    expect((await owner.client.get(`/api/merchants/${m}/stores/${other.id}`)).body.store.status).toBe("open");
  });

  it("the audit log pages through entries of the same millisecond without losing one", async () => {
    const owner = await signUpMerchant();
    const m = owner.merchantId;
    const at = Date.now() + 60_000;
    for (let i = 0; i < 5; i++) {
      await env.DB.prepare("INSERT INTO audit_log (id, merchant_id, action, created_at) VALUES (?, ?, 'store.updated', ?)").bind(`aud_same_${i}`, m, at).run();
    }
    const seen: string[] = [];
    let query = "limit=2";
    for (let page = 0; page < 10; page++) {
      const entries = (await owner.client.get(`/api/merchants/${m}/audit?${query}`)).body.entries as { id: string; createdAt: number }[];
      seen.push(...entries.map((e) => e.id));
      const last = entries[entries.length - 1];
      if (entries.length < 2 || !last) break;
      query = `limit=2&before=${last.createdAt}&beforeId=${last.id}`;
    }
    expect(seen.filter((id) => id.startsWith("aud_same_")).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `aud_same_${i}`));
    expect(new Set(seen).size).toBe(seen.length);
    // …and goes on to the older entries (the sign-up).
    expect(seen.some((id) => !id.startsWith("aud_same_"))).toBe(true);
  });
});
