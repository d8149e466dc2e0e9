import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Client, signUpMerchant } from "../helpers/client";
import { tokenOf } from "../helpers/staff";
import { newIsv, PLATFORM_ADMIN, platformAdmin, provisionBody } from "../helpers/platform";

describe("platform bootstrap", () => {
  it("needs the bootstrap secret and works only once", async () => {
    const c = new Client();
    const body = PLATFORM_ADMIN;
    expect((await c.req("POST", "/api/platform/bootstrap", body, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await c.post("/api/platform/bootstrap", body)).status).toBe(401);
    const ok = await c.req("POST", "/api/platform/bootstrap", body, { authorization: `Bearer ${env.PLATFORM_BOOTSTRAP_SECRET}` });
    expect(ok.status).toBe(201);
    const again = await c.req("POST", "/api/platform/bootstrap", { ...body, email: "second@platform.test" }, { authorization: `Bearer ${env.PLATFORM_BOOTSTRAP_SECRET}` });
    expect(again.status).toBe(409);
    const login = await c.post("/api/auth/login", body);
    expect(login.body.memberships).toEqual([expect.objectContaining({ role: "platform_admin" })]);
  });

  it("platform routes refuse everyone but a platform admin", async () => {
    const owner = await signUpMerchant();
    expect((await owner.client.get("/api/platform/merchants")).status).toBe(403);
    expect((await new Client().get("/api/platform/isvs")).status).toBe(401);
  });

  it("a platform admin sees every merchant and can suspend one", async () => {
    const admin = await platformAdmin();
    const owner = await signUpMerchant();
    const list = await admin.get("/api/platform/merchants");
    expect(list.body.merchants.map((m: { id: string }) => m.id)).toContain(owner.merchantId);
    const suspended = await admin.post(`/api/platform/merchants/${owner.merchantId}/suspend`);
    expect(suspended.body.merchant.status).toBe("suspended");
    expect((await owner.client.get(`/api/merchants/${owner.merchantId}`)).body.merchant.status).toBe("suspended");
    expect((await admin.post(`/api/platform/merchants/${owner.merchantId}/reactivate`)).body.merchant.status).toBe("active");
  });

  it("suspending a merchant takes its guest pages down at once, even when they were cached", async () => {
    const admin = await platformAdmin();
    const owner = await signUpMerchant();
    const guest = new Client();
    expect((await guest.get(`/m/${owner.slug}`)).status).toBe(200);
    expect((await guest.get(`/m/${owner.slug}`)).status).toBe(200);
    await admin.post(`/api/platform/merchants/${owner.merchantId}/suspend`);
    expect((await guest.get(`/m/${owner.slug}`)).status).toBe(503);
    await admin.post(`/api/platform/merchants/${owner.merchantId}/reactivate`);
    expect((await guest.get(`/m/${owner.slug}`)).status).toBe(200);
  });
});

describe("ISV portal", () => {
  it("an ISV creates a merchant whose owner sets a password through the invitation link", async () => {
    const { client: isv } = await newIsv();
    const body = provisionBody();
    const created = await isv.post("/api/isv/merchants", body);
    expect(created.status).toBe(201);
    expect(created.body.inviteUrl).toContain("/console/invite/");
    const merchantId = created.body.merchant.id;

    const owner = new Client();
    const accept = await owner.post(`/api/auth/invitations/${tokenOf(created.body.inviteUrl)}/accept`, { password: "the owner's password" });
    expect(accept.status).toBe(200);
    expect(accept.body.memberships).toEqual([expect.objectContaining({ role: "owner", merchantId })]);
    const stores = await owner.get(`/api/merchants/${merchantId}/stores`);
    expect(stores.body.stores[0]).toMatchObject({ name: "Downtown", currency: "USD", timeZone: "America/New_York" });

    const list = await isv.get("/api/isv/merchants");
    expect(list.body.merchants).toEqual([expect.objectContaining({ id: merchantId, ownerEmail: body.ownerEmail, status: "active" })]);
    const detail = await isv.get(`/api/isv/merchants/${merchantId}`);
    expect(detail.body.stores).toHaveLength(1);
    // The ISV opens its merchant in the console as an owner.
    const asIsv = await isv.get(`/api/merchants/${merchantId}`);
    expect(asIsv.status).toBe(200);
    expect(asIsv.body.access).toMatchObject({ role: "owner", via: "isv" });
  });

  it("an ISV sees only its own merchants", async () => {
    const admin = await platformAdmin();
    const a = await newIsv(admin);
    const b = await newIsv(admin);
    const made = await a.client.post("/api/isv/merchants", provisionBody());
    const direct = await signUpMerchant();
    expect((await b.client.get("/api/isv/merchants")).body.merchants).toEqual([]);
    expect((await b.client.get(`/api/isv/merchants/${made.body.merchant.id}`)).status).toBe(404);
    expect((await b.client.get(`/api/merchants/${made.body.merchant.id}`)).status).toBe(404);
    expect((await a.client.get(`/api/merchants/${direct.merchantId}`)).status).toBe(404);
    expect((await a.client.get(`/api/isv/merchants/${direct.merchantId}`)).status).toBe(404);
  });

  it("merchant owners and staff cannot use the partner portal", async () => {
    const owner = await signUpMerchant();
    const res = await owner.client.get("/api/isv/merchants");
    expect(res.status).toBe(403);
    expect((await new Client().get("/api/isv/merchants")).status).toBe(401);
  });
});

describe("partner API with API keys", () => {
  it("creates, uses and revokes a key; the secret is shown once and stored hashed", async () => {
    const { client: isv, isvId } = await newIsv();
    const created = await isv.post("/api/isv/api-keys", { name: "POS sync" });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^tsk_[0-9a-z]{8}_[0-9a-z]{40}$/);
    const listed = await isv.get("/api/isv/api-keys");
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const row = await env.DB.prepare("SELECT key_hash FROM api_keys WHERE isv_id = ?").bind(isvId).first<{ key_hash: string }>();
    expect(row!.key_hash).toHaveLength(64);

    const api = new Client();
    const auth = { authorization: `Bearer ${secret}` };
    const made = await api.req("POST", "/api/partner/v1/merchants", provisionBody({ slug: `api-${Date.now().toString(36)}` }), auth);
    expect(made.status).toBe(201);
    const list = await api.req("GET", "/api/partner/v1/merchants", undefined, auth);
    expect(list.body.merchants.map((m: { id: string }) => m.id)).toEqual([made.body.merchant.id]);
    expect((await api.req("GET", `/api/partner/v1/merchants/${made.body.merchant.id}`, undefined, auth)).status).toBe(200);
    const bad = await api.req("POST", "/api/partner/v1/merchants", { businessName: "" }, auth);
    expect(bad.status).toBe(400);

    expect((await isv.del(`/api/isv/api-keys/${created.body.key.id}`)).status).toBe(200);
    const revoked = await api.req("GET", "/api/partner/v1/merchants", undefined, auth);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe("unauthorized");
  });

  it("a key sees only its own ISV's merchants", async () => {
    const admin = await platformAdmin();
    const a = await newIsv(admin);
    const b = await newIsv(admin);
    const made = await a.client.post("/api/isv/merchants", provisionBody());
    const keyB = (await b.client.post("/api/isv/api-keys", { name: "b" })).body.secret;
    const api = new Client();
    const res = await api.req("GET", `/api/partner/v1/merchants/${made.body.merchant.id}`, undefined, { authorization: `Bearer ${keyB}` });
    expect(res.status).toBe(404);
    expect((await api.req("GET", "/api/partner/v1/merchants", undefined, {})).status).toBe(401);
  });
});
