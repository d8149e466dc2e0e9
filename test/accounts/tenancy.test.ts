import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Client, signUpMerchant, type SignedUp } from "../helpers/client";
import { newIsv } from "../helpers/platform";
import { addStaff } from "../helpers/staff";
import { Guest, setupRestaurant, type Restaurant } from "../table/helpers";

type Operation = { method: string; path: string };

/** Every operation under a path prefix, read from the OpenAPI document. */
async function operations(prefix: string): Promise<Operation[]> {
  const doc = (await (await exports.default.fetch("https://t.test/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith(prefix))
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
}

/** Every operation of the tenant console API and the staff board. */
const merchantOperations = () => operations("/api/merchants/{merchantId}");

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

/**
 * One body that every staff-board and guest write accepts (zod drops the keys a route does not
 * know), so a refusal below is the tenant boundary's and not the validator's.
 */
const anyBody = (r: Restaurant, toTableId: string) => ({ reason: "Cross-tenant probe", toTableId, state: "served", dishId: r.dish.cola, quantity: 1, note: "" });

describe("tenant isolation on the staff board", () => {
  let a: Restaurant;
  let b: Restaurant;
  let lineId: string;

  beforeAll(async () => {
    a = await setupRestaurant(2);
    b = await setupRestaurant(1);
    const guest = new Guest();
    await guest.join(a.tables[0]!.code, "Ann");
    lineId = (await guest.add(a.dish.burger)).body.lineId;
  });

  it("a second tenant, through its own merchant and store, reaches none of the first's tables, and nothing changes", async () => {
    const ops = (await merchantOperations()).filter((op) => op.path.includes("/floor/tables/{tableId}"));
    expect(ops.length).toBeGreaterThanOrEqual(12);
    const aTable = a.tables[0]!.id;
    const before = await a.client.get(`/api/merchants/${a.merchantId}/stores/${a.storeId}/floor/tables/${aTable}`);
    expect(before.status).toBe(200);
    for (const op of ops) {
      const path = op.path
        .replace("{merchantId}", b.merchantId)
        .replace("{storeId}", b.storeId)
        .replace("{tableId}", aTable)
        .replace("{lineId}", lineId)
        .replace(/\{[^}]+\}/g, "x_unknown");
      const res = await b.client.req(op.method, path, op.method === "GET" || op.method === "DELETE" ? undefined : anyBody(a, b.tables[0]!.id));
      expect(res.status, `${op.method} ${op.path}`).toBe(404);
      expect(res.body?.error?.code, `${op.method} ${op.path}`).toBe("not_found");
    }
    // Moving or merging one's own table onto the other tenant's table finds no such table either.
    for (const mode of ["move", "merge"]) {
      const res = await b.client.post(`/api/merchants/${b.merchantId}/stores/${b.storeId}/floor/tables/${b.tables[0]!.id}/${mode}`, { toTableId: aTable });
      expect(res.status, mode).toBe(404);
    }
    const after = await a.client.get(`/api/merchants/${a.merchantId}/stores/${a.storeId}/floor/tables/${aTable}`);
    expect(after.body.view.lines).toEqual(before.body.view.lines);
    expect(after.body.view.sessionId).toBe(before.body.view.sessionId);
  });
});

describe("tenant isolation on the guest API", () => {
  let a: Restaurant;
  let b: Restaurant;
  let ann: Guest;
  let bob: Guest;
  let requestId: string;
  let lineId: string;

  beforeAll(async () => {
    a = await setupRestaurant(1);
    b = await setupRestaurant(1);
    ann = new Guest();
    await ann.join(a.tables[0]!.code, "Ann");
    lineId = (await ann.add(a.dish.burger)).body.lineId;
    // A device waiting to be let in at A's table: its request id is what B's guest will try.
    const waiting = new Guest();
    expect((await waiting.ask(a.tables[0]!.code, "Wes")).status).toBe(202);
    requestId = waiting.requestId;
    bob = new Guest();
    await bob.join(b.tables[0]!.code, "Bob");
  });

  it("a second merchant's table token reaches only its own session, whatever ids it sends", async () => {
    const ops = await operations("/api/guest/session");
    expect(ops.length).toBeGreaterThanOrEqual(8);
    const before = (await ann.view()).body.view;
    for (const op of ops) {
      const path = op.path.replace("/api/guest", "").replace("{lineId}", lineId).replace("{requestId}", requestId).replace(/\{[^}]+\}/g, "x_unknown");
      const res = await bob.req(op.method, path, op.method === "GET" || op.method === "DELETE" ? undefined : anyBody(a, a.tables[0]!.id));
      if (res.status < 300) {
        // What succeeds acts on Bob's own table at B: never on A's.
        expect(JSON.stringify(res.body), `${op.method} ${op.path}`).not.toContain(a.tables[0]!.id);
        expect(JSON.stringify(res.body), `${op.method} ${op.path}`).not.toContain(before.sessionId);
      } else {
        expect(res.status, `${op.method} ${op.path}`).not.toBe(500);
      }
    }
    const view = (await bob.view()).body.view;
    expect(view.tableId).toBe(b.tables[0]!.id);
    // A's dish is not on B's menu: B's table cannot order it.
    const foreign = await bob.add(a.dish.burger);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe("unknown_dish");
    // A's session is as it was: the same line, and the waiting device still waiting.
    const after = (await ann.view()).body.view;
    expect(after.lines).toEqual(before.lines);
    expect(after.diners.map((d: { id: string }) => d.id)).toEqual(before.diners.map((d: { id: string }) => d.id));
  });

  it("a table token is bound to its device: another device presenting it is refused", async () => {
    const res = await bob.client.req("GET", "/api/guest/session", undefined, { authorization: `Bearer ${ann.token}` });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_token");
  });

  it("a code of one merchant seats a guest at that merchant's table only", async () => {
    const carol = new Guest();
    const joined = await carol.ask(b.tables[0]!.code, "Carol");
    expect([200, 202]).toContain(joined.status);
    expect(JSON.stringify(joined.body)).not.toContain(a.tables[0]!.id);
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
