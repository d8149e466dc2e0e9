import { env, exports } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app";
import { cspDirectives, serializeCsp, staticHeadersFile } from "../../src/http/middleware/security-policy";
import { Client } from "../helpers/client";
import { setupRestaurant, type Restaurant } from "../table/helpers";

/** The CSP as a map of directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const value = res.headers.get("content-security-policy");
  expect(value, "Content-Security-Policy").toBeTruthy();
  return new Map(
    value!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectHardened(res: Response, what: string) {
  const h = res.headers;
  expect(h.get("x-frame-options"), `${what}: X-Frame-Options`).toBe("DENY");
  expect(h.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(h.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("same-origin");
  expect(h.get("permissions-policy"), `${what}: Permissions-Policy`).toContain("camera=()");
  expect(h.get("cross-origin-opener-policy"), `${what}: COOP`).toBe("same-origin");
  const policy = csp(res);
  expect(policy.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  // No 'unsafe-inline' or 'unsafe-eval' for scripts: inline scripts are allowed by hash only.
  expect(policy.get("script-src")!.filter((s) => s.startsWith("'unsafe"))).toEqual([]);
  expect(policy.get("connect-src"), `${what}: the page's own WebSocket origin`).toEqual(["'self'", "wss://tableside.test"]);
  // Not production here (APP_ENV=test): no HSTS.
  expect(h.get("strict-transport-security"), `${what}: no HSTS outside production`).toBeNull();
  return policy;
}

async function sha256Source(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

/** Every inline <script> of the page is allowed by a hash in the policy, and no element has an on…= handler. */
async function expectScriptsAllowed(res: Response, html: string) {
  const allowed = csp(res).get("script-src")!;
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  for (const body of inline) expect(allowed, `inline script ${body.slice(0, 40)}`).toContain(await sha256Source(body));
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  return inline.length;
}

let r: Restaurant;
beforeAll(async () => {
  r = await setupRestaurant(1);
});

describe("security headers on every kind of Worker response", () => {
  it("the guest table page, a 304 revalidation of it, and the restaurant page", async () => {
    const guest = new Client("203.0.113.40");
    const res = await guest.raw("GET", `/q/${r.tables[0]!.code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expectHardened(res, "table page");
    // The page marks itself scripted with an inline script, allowed by its hash.
    expect(await expectScriptsAllowed(res, html)).toBeGreaterThan(0);

    const again = await guest.raw("GET", `/q/${r.tables[0]!.code}`, { headers: { "if-none-match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expectHardened(again, "304");

    const restaurant = await guest.raw("GET", `/m/${r.slug}`);
    expect(restaurant.status).toBe(200);
    expectHardened(restaurant, "restaurant page");
    await expectScriptsAllowed(restaurant, await restaurant.text());
  });

  it("guest notices and the HTML 404", async () => {
    const guest = new Client("203.0.113.41");
    const unknownTable = await guest.raw("GET", "/q/zzzzzzzzzzzz");
    expect(unknownTable.status).toBe(404);
    expectHardened(unknownTable, "unknown table");
    await expectScriptsAllowed(unknownTable, await unknownTable.text());

    const notFound = await guest.raw("GET", "/no/such/page");
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("content-type")).toContain("text/html");
    expectHardened(notFound, "404 page");
    await expectScriptsAllowed(notFound, await notFound.text());
  });

  it("the print sheet, whose Print button is an inline script allowed by its hash", async () => {
    const res = await r.client.raw("GET", `/api/merchants/${r.merchantId}/stores/${r.storeId}/tables/print`);
    expect(res.status).toBe(200);
    expectHardened(res, "print sheet");
    const html = await res.text();
    expect(html).toContain('id="print"');
    expect(await expectScriptsAllowed(res, html)).toBe(1);
  });

  it("the API: success, errors and the health check", async () => {
    const anon = new Client("203.0.113.42");
    const cases: [string, string, number][] = [
      ["GET", "/api/openapi.json", 200],
      ["GET", "/healthz", 200],
      ["GET", "/api/auth/me", 401],
      ["GET", "/api/no-such-route", 404],
      ["POST", "/api/auth/login", 400],
    ];
    for (const [method, path, status] of cases) {
      const res = await anon.raw(method, path, method === "POST" ? { body: "{not json", headers: { "content-type": "application/json" } } : {});
      expect(res.status, path).toBe(status);
      expectHardened(res, `${method} ${path}`);
    }
  });

  it("the single-page apps' deep links, served by the Worker, and the root redirect", async () => {
    const anon = new Client("203.0.113.43");
    for (const path of ["/console/menu", "/staff/board", "/partner/keys"]) {
      const res = await anon.raw("GET", path);
      expectHardened(res, path);
      await res.body?.cancel();
    }
    const root = await anon.raw("GET", "/");
    expect(root.status).toBe(302);
    expectHardened(root, "redirect");
  });

  it("an unexpected error (500) still carries them", async () => {
    const app = createApp();
    app.get("/boom", () => {
      throw new Error("kaboom");
    });
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request("https://tableside.test/boom"), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: "internal_error" } });
    expectHardened(res, "500");
  });

  it("WebSocket upgrades are answered as before", async () => {
    const res = await exports.default.fetch("https://tableside.test/api/guest/session/ws", { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-frame-options")).toBeNull();
  });
});

describe("production", () => {
  it("adds HSTS and upgrade-insecure-requests only where APP_ENV is production", async () => {
    const app = createApp();
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request("https://tableside.example/healthz"), { ...env, APP_ENV: "production" }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const policy = csp(res);
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
    expect(policy.get("connect-src")).toEqual(["'self'", "wss://tableside.example"]);

    const local = await app.fetch(new Request("http://localhost:8787/healthz"), env, createExecutionContext());
    expect(local.headers.get("strict-transport-security")).toBeNull();
    expect(csp(local).has("upgrade-insecure-requests")).toBe(false);
    // A plain-http development server gets ws:// for its live updates.
    expect(csp(local).get("connect-src")).toEqual(["'self'", "ws://localhost:8787"]);
  });
});

describe("the static apps' _headers file", () => {
  it("carries the same policy as the Worker, with frame-ancestors 'none' and without HSTS", () => {
    const file = staticHeadersFile();
    const lines = file.split("\n");
    expect(lines[1]).toBe("/*");
    const headers = new Map(lines.slice(2).filter(Boolean).map((l) => [l.trim().split(": ")[0]!, l.trim().split(": ").slice(1).join(": ")]));
    expect(headers.get("Content-Security-Policy")).toBe(serializeCsp(cspDirectives({ scriptHashes: [], connect: [], production: false })));
    expect(headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(headers.get("Content-Security-Policy")).toMatch(/script-src 'self';/);
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("same-origin");
    expect(headers.get("Permissions-Policy")).toBe("camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    expect(headers.has("Strict-Transport-Security")).toBe(false);
  });
});
