import { describe, expect, inject, it } from "vitest";

// What `npm start` promises, checked against a real wrangler dev with the demo seed.
const baseUrl = inject("baseUrl");
const seed = inject("seed");

describe("the running demo", () => {
  it("answers /healthz", async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("describes the API in OpenAPI 3.1", async () => {
    const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item));
    expect(operations.length).toBeGreaterThanOrEqual(12);
  });

  it("seeds tables whose /q links answer an HTML page", async () => {
    expect(seed.tables.length).toBeGreaterThan(0);
    for (const table of seed.tables) {
      expect(table.url).toBe(`${baseUrl}/q/${table.code}`);
      const res = await fetch(table.url);
      expect(res.status, table.url).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
    }
  });

  it("serves the restaurant page /m/demo as HTML", async () => {
    const res = await fetch(seed.urls.restaurant);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
  });

  it("answers an unknown table code with an HTML 404 page", async () => {
    const res = await fetch(`${baseUrl}/q/nosuchcode00`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
  });

  it("serves the console, staff board and partner portal", async () => {
    for (const url of [seed.urls.console, seed.urls.staff, seed.urls.partner]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<div id="app">');
    }
  });

  it("seeds idempotently: a second seed returns the same tables and logins", async () => {
    const res = await fetch(`${baseUrl}/api/dev/seed`, {
      method: "POST",
      headers: { authorization: `Bearer ${inject("bootstrapSecret")}` },
    });
    expect(res.status).toBe(200);
    const again = (await res.json()) as typeof seed;
    expect(again.tables).toEqual(seed.tables);
    expect(again.logins).toEqual(seed.logins);
  });

  it("refuses the seed without the bootstrap secret", async () => {
    const res = await fetch(`${baseUrl}/api/dev/seed`, { method: "POST", headers: { authorization: "Bearer wrong" } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeTypeOf("string");
  });
});
