import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Client, signUpMerchant, type SignedUp } from "../helpers/client";
import { newIsv } from "../helpers/platform";
import { addStaff } from "../helpers/staff";

type Operation = { method: string; path: string };

/** Every operation of the tenant console API, read from the OpenAPI document. */
async function merchantOperations(): Promise<Operation[]> {
  const doc = (await (await exports.default.fetch("https://t.test/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/merchants/{merchantId}"))
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
}

function concretePath(path: string, a: SignedUp): string {
  return path.replace("{merchantId}", a.merchantId).replace("{storeId}", a.storeId).replace(/\{[^}]+\}/g, "x_unknown");
}

describe("tenant isolation across every merchant route", () => {
  let a: SignedUp;
  let b: SignedUp;
  let isv: Client;
  let ops: Operation[];

  beforeAll(async () => {
    a = await signUpMerchant();
    b = await signUpMerchant();
    isv = (await newIsv()).client;
    ops = await merchantOperations();
  });

  it("covers the console's route families", () => {
    const paths = new Set(ops.map((o) => o.path));
    for (const p of ["/api/merchants/{merchantId}", "/api/merchants/{merchantId}/stores", "/api/merchants/{merchantId}/staff", "/api/merchants/{merchantId}/audit"]) {
      expect(paths).toContain(p);
    }
    expect(ops.length).toBeGreaterThanOrEqual(12);
  });

  it("a second tenant's owner gets 404 on every one, and nothing changes", async () => {
    const before = await a.client.get(`/api/merchants/${a.merchantId}`);
    for (const op of ops) {
      const res = await b.client.req(op.method, concretePath(op.path, a), op.method === "GET" || op.method === "DELETE" ? undefined : {});
      expect(res.status, `${op.method} ${op.path}`).toBe(404);
      expect(res.body?.error?.code, `${op.method} ${op.path}`).toBe("not_found");
    }
    const after = await a.client.get(`/api/merchants/${a.merchantId}`);
    expect(after.body).toEqual(before.body);
  });

  it("an unrelated ISV admin gets 404 on every one", async () => {
    for (const op of ops) {
      const res = await isv.req(op.method, concretePath(op.path, a), op.method === "GET" || op.method === "DELETE" ? undefined : {});
      expect(res.status, `${op.method} ${op.path}`).toBe(404);
    }
  });

  it("a waiter of the tenant gets 403 on every one their role may not use", async () => {
    const waiter = await addStaff(a, "waiter");
    // What a waiter does: read the merchant, its stores, menu and tables, toggle sold out, and
    // work the staff board (…/floor…). Everything else is for managers and owners.
    const allowed = new Set([
      "GET /api/merchants/{merchantId}",
      "GET /api/merchants/{merchantId}/stores",
      "GET /api/merchants/{merchantId}/stores/{storeId}",
      "GET /api/merchants/{merchantId}/menu",
      "GET /api/merchants/{merchantId}/menu/dishes/{dishId}",
      "PUT /api/merchants/{merchantId}/menu/dishes/{dishId}/sold-out",
      "GET /api/merchants/{merchantId}/stores/{storeId}/tables",
      "GET /api/merchants/{merchantId}/stores/{storeId}/tables/{tableId}/qr.svg",
    ]);
    const refused = ops.filter((op) => !allowed.has(`${op.method} ${op.path}`) && !op.path.includes("/floor"));
    expect(refused.length).toBeGreaterThanOrEqual(20);
    for (const op of ops) {
      const res = await waiter.req(op.method, concretePath(op.path, a), op.method === "GET" || op.method === "DELETE" ? undefined : {});
      if (refused.includes(op)) {
        expect(res.status, `${op.method} ${op.path}`).toBe(403);
        expect(res.body?.error?.code, `${op.method} ${op.path}`).toBe("forbidden");
      } else {
        expect(res.status, `${op.method} ${op.path}`).not.toBe(403);
      }
    }
  });

  it("without a session every one answers 401", async () => {
    const anon = new Client();
    for (const op of ops) {
      const res = await anon.req(op.method, concretePath(op.path, a), op.method === "GET" || op.method === "DELETE" ? undefined : {});
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it("a tenant cannot reach another tenant's store through its own merchant id", async () => {
    const res = await b.client.get(`/api/merchants/${b.merchantId}/stores/${a.storeId}`);
    expect(res.status).toBe(404);
    const patch = await b.client.patch(`/api/merchants/${b.merchantId}/stores/${a.storeId}`, { name: "Stolen" });
    expect(patch.status).toBe(404);
    const store = await a.client.get(`/api/merchants/${a.merchantId}/stores/${a.storeId}`);
    expect(store.body.store.name).toBe("Main street");
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every JSON route the app serves", async () => {
    const doc = (await (await exports.default.fetch("https://t.test/api/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const { createApp } = await import("../../src/http/app");
    // WebSocket upgrades (…/ws) are not JSON routes; everything else must be described.
    const served = createApp()
      .routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL" && r.path !== "/api/openapi.json" && !r.path.endsWith("/ws"))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const missing = [...new Set(served)].filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
    expect(documented.size).toBeGreaterThanOrEqual(12);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  });
});
