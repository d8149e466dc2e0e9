import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("health and fallbacks", () => {
  it("GET /healthz answers 200 JSON", async () => {
    const res = await exports.default.fetch("https://t.test/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("unknown API paths answer the JSON error shape with 404", async () => {
    const res = await exports.default.fetch("https://t.test/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "No API route GET /api/nope." } });
  });

  it("unknown pages answer an HTML 404", async () => {
    const res = await exports.default.fetch("https://t.test/definitely/not/here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Page not found");
  });

  it("serves an OpenAPI 3.1 document", async () => {
    const res = await exports.default.fetch("https://t.test/api/openapi.json");
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/auth/login");
  });
});
