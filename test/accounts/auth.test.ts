import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Client, signUpMerchant, unique } from "../helpers/client";
import { createDb } from "../../src/db/client";
import * as schema from "../../src/db/schema";
import { isUniqueViolation } from "../../src/http/errors";

const store = { name: "Main", timeZone: "Europe/Paris", currency: "EUR", languages: ["en"] };

describe("sign-up", () => {
  it("creates merchant, store and owner, and signs the owner in with a secure cookie", async () => {
    const client = new Client();
    const email = `${unique("o")}@example.com`;
    const res = await client.post("/api/auth/signup", { businessName: "Café du Marché", email, password: "long enough pw", store });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(email);
    expect(res.body.memberships).toHaveLength(1);
    expect(res.body.memberships[0]).toMatchObject({ role: "owner", merchantName: "Café du Marché" });
    expect(res.body.memberships[0].merchantSlug).toMatch(/^cafe-du-marche(-\d+)?$/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ts_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await client.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
    const stores = await client.get(`/api/merchants/${res.body.memberships[0].merchantId}/stores`);
    expect(stores.body.stores).toEqual([expect.objectContaining({ name: "Main", currency: "EUR", timeZone: "Europe/Paris", status: "open" })]);
  });

  it("stores only a salted PBKDF2 hash of the password", async () => {
    const { email } = await signUpMerchant();
    const row = await env.DB.prepare("SELECT password_hash FROM users WHERE email = ?").bind(email).first<{ password_hash: string }>();
    expect(row!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(row!.password_hash).not.toContain("correct horse");
  });

  it("derives a free slug when the wanted one is taken, and refuses an explicit taken slug", async () => {
    const first = await signUpMerchant();
    const second = new Client();
    const taken = await second.post("/api/auth/signup", { businessName: "Other", slug: first.slug, email: `${unique("o")}@example.com`, password: "long enough pw", store });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("slug_taken");
    const check = await second.get(`/api/auth/slug-check?slug=${first.slug}`);
    expect(check.body).toMatchObject({ available: false, valid: true });
    expect(check.body.suggestion).not.toBe(first.slug);
    const reserved = await second.get(`/api/auth/slug-check?slug=api`);
    expect(reserved.body).toMatchObject({ valid: false, available: false });
  });

  it("refuses a second account with the same email (case-insensitive)", async () => {
    const first = await signUpMerchant();
    const res = await new Client().post("/api/auth/signup", { businessName: "Dup Inc", email: first.email.toUpperCase(), password: "long enough pw", store });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("email_taken");
  });

  it("answers 400 with field issues for bad input and writes nothing", async () => {
    const email = `${unique("bad")}@example.com`;
    const res = await new Client().post("/api/auth/signup", {
      businessName: "X",
      email,
      password: "short",
      store: { name: "", timeZone: "Mars/Olympus", currency: "EURO", languages: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["businessName", "password", "store.name", "store.timeZone", "store.currency", "store.languages"]));
    const row = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?").bind(email).first<{ n: number }>();
    expect(row!.n).toBe(0);
  });

  it("two simultaneous sign-ups with one email: one account, the other gets 409", async () => {
    const email = `${unique("twin")}@example.com`;
    const results = await Promise.all(
      ["Twin One", "Twin Two"].map((businessName) => new Client().post("/api/auth/signup", { businessName, email, password: "long enough pw", store })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toMatch(/^(email_taken|conflict)$/);
    const users = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?").bind(email).first<{ n: number }>();
    expect(users!.n).toBe(1);
  });

  it("knows D1's unique-constraint failure, raw or wrapped by drizzle, which the app answers with 409", async () => {
    const { email } = await signUpMerchant();
    const insert = env.DB.prepare("INSERT INTO users (id, email, name, created_at) VALUES (?, ?, '', 0)").bind(unique("usr_"), email);
    const raw = await insert.run().catch((e: unknown) => e);
    expect(isUniqueViolation(raw)).toBe(true);
    const db = createDb(env.DB);
    const wrapped = await db.insert(schema.users).values({ id: unique("usr_"), email, name: "", createdAt: 0 }).run().catch((e: unknown) => e);
    expect(isUniqueViolation(wrapped)).toBe(true);
    expect(isUniqueViolation(new Error("D1_ERROR: no such table: x"))).toBe(false);
  });

  it("refuses names made of control characters", async () => {
    const res = await new Client().post("/api/auth/signup", {
      businessName: "Good name",
      email: `${unique("ctl")}@example.com`,
      password: "long enough pw",
      store: { ...store, name: "\u0000\u0001" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(["store.name"]);
  });

  it("answers 400 invalid_json for a body that is not JSON", async () => {
    const res = await new Client().req("POST", "/api/auth/login", "{not json", { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
    // The same on a route behind a session and a tenant.
    const { client, merchantId } = await signUpMerchant();
    const tenant = await client.req("POST", `/api/merchants/${merchantId}/stores`, '{"name":', { "content-type": "application/json" });
    expect(tenant.status).toBe(400);
    expect(tenant.body.error.code).toBe("invalid_json");
  });
});

describe("login, logout, password", () => {
  it("logs in with the right password and refuses a wrong one with 401", async () => {
    const { email, password } = await signUpMerchant();
    const c = new Client();
    const bad = await c.post("/api/auth/login", { email, password: "wrong password" });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("invalid_credentials");
    const ok = await c.post("/api/auth/login", { email: email.toUpperCase(), password });
    expect(ok.status).toBe(200);
    expect(ok.body.csrfToken).toMatch(/^[0-9a-z]{32}$/);
    const unknown = await c.post("/api/auth/login", { email: "nobody@example.com", password });
    expect(unknown.status).toBe(401);
  });

  it("logout revokes the session on the server", async () => {
    const { client } = await signUpMerchant();
    const cookie = [...client.cookies.entries()];
    expect((await client.post("/api/auth/logout")).status).toBe(200);
    // Replaying the old cookie must not work: the session is revoked server-side.
    const replay = new Client();
    replay.cookies = new Map(cookie);
    expect((await replay.get("/api/auth/me")).status).toBe(401);
  });

  it("an expired session is refused", async () => {
    const { client, email } = await signUpMerchant();
    await env.DB.prepare("UPDATE auth_sessions SET expires_at = 0 WHERE user_id = (SELECT id FROM users WHERE email = ?)").bind(email).run();
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("password change needs the current password and signs out other sessions", async () => {
    const { client, email, password } = await signUpMerchant();
    const other = new Client();
    await other.post("/api/auth/login", { email, password });
    expect((await other.get("/api/auth/me")).status).toBe(200);

    const wrong = await client.post("/api/auth/password", { currentPassword: "nope", newPassword: "a brand new password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("wrong_password");
    const ok = await client.post("/api/auth/password", { currentPassword: password, newPassword: "a brand new password" });
    expect(ok.status).toBe(200);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    expect((await other.get("/api/auth/me")).status).toBe(401);
    expect((await new Client().post("/api/auth/login", { email, password })).status).toBe(401);
    expect((await new Client().post("/api/auth/login", { email, password: "a brand new password" })).status).toBe(200);
  });
});

describe("CSRF protection", () => {
  it("refuses a cookie-authenticated write without the CSRF header", async () => {
    const { client, merchantId } = await signUpMerchant();
    const res = await client.req("PATCH", `/api/merchants/${merchantId}`, { name: "Hijacked" }, { "x-csrf-token": "" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("csrf_failed");
    const wrong = await client.req("PATCH", `/api/merchants/${merchantId}`, { name: "Hijacked" }, { "x-csrf-token": "0".repeat(32) });
    expect(wrong.status).toBe(403);
    const merchant = await client.get(`/api/merchants/${merchantId}`);
    expect(merchant.body.merchant.name).not.toBe("Hijacked");
    const ok = await client.patch(`/api/merchants/${merchantId}`, { name: "Renamed Bistro" });
    expect(ok.status).toBe(200);
    expect(ok.body.merchant.name).toBe("Renamed Bistro");
  });
});

// Login throttling: test/accounts/throttle.test.ts.
