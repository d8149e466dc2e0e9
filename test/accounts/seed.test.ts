import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Client } from "../helpers/client";

const counts = async () => {
  const tables = ["isvs", "merchants", "stores", "users", "memberships", "tables", "menu_categories", "menu_dishes", "menu_options"];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await env.DB.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>())!.n;
  return out;
};

describe("dev seed", () => {
  const seed = (c: Client, secret = env.PLATFORM_BOOTSTRAP_SECRET!) => c.req("POST", "/api/dev/seed", {}, { authorization: `Bearer ${secret}` });

  it("needs the bootstrap secret", async () => {
    expect((await seed(new Client(), "wrong")).status).toBe(401);
  });

  it("seeds the demo once; a second run changes and duplicates nothing", async () => {
    const c = new Client();
    const first = await seed(c);
    expect(first.status).toBe(200);
    const afterFirst = await counts();
    const second = await seed(c);
    expect(second.status).toBe(200);
    expect(await counts()).toEqual(afterFirst);
    expect(second.body.tables).toEqual(first.body.tables);
    expect(first.body.tables).toHaveLength(12);
    expect(new Set(first.body.tables.map((t: { area: string }) => t.area)).size).toBe(2);
    for (const t of first.body.tables) expect(t.code).toMatch(/^[0-9a-z]{12}$/);
    expect(first.body.merchant.slug).toBe("demo");
  });

  it("every demo login signs in with its role", async () => {
    const res = await seed(new Client());
    for (const login of res.body.logins as { role: string; email: string; password: string }[]) {
      const me = await new Client().post("/api/auth/login", { email: login.email, password: login.password });
      expect(me.status, login.email).toBe(200);
      expect(me.body.memberships.map((m: { role: string }) => m.role)).toContain(login.role);
    }
  });
});
