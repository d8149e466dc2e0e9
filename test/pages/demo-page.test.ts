import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { DEMO_MENU } from "../../src/db/seed/demo-menu";
import { checkDish } from "../../src/domain/menu/rules";
import { MenuDocument } from "../../src/api/menu-input";

let tables: { name: string; area: string; code: string }[];

const gzipSize = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
};

beforeAll(async () => {
  const res = await new Client().req("POST", "/api/dev/seed", {}, { authorization: `Bearer ${env.PLATFORM_BOOTSTRAP_SECRET}` });
  expect(res.status).toBe(200);
  tables = res.body.tables;
});

describe("the demo menu", () => {
  it("is a realistic menu: ≥30 dishes in ≥5 categories, options, tags, allergens, windows, one staff-only dish", () => {
    const dishes = DEMO_MENU.flatMap((c) => c.dishes);
    expect(DEMO_MENU.length).toBeGreaterThanOrEqual(5);
    expect(dishes.length).toBeGreaterThanOrEqual(30);
    expect(dishes.filter((d) => d.groups?.length).length).toBeGreaterThanOrEqual(15);
    expect(dishes.some((d) => d.groups?.some((g) => g.kind === "multiple" && g.options.some((o) => (o.delta ?? 0) > 0)))).toBe(true);
    expect(dishes.filter((d) => d.windows?.length).length).toBeGreaterThanOrEqual(3);
    expect(dishes.filter((d) => d.staffOnly)).toHaveLength(1);
    expect(new Set(dishes.flatMap((d) => d.tags ?? []))).toEqual(new Set(["vegetarian", "vegan", "halal", "gluten_free"]));
    expect(new Set(dishes.flatMap((d) => d.allergens ?? [])).size).toBeGreaterThanOrEqual(10);
  });

  it("passes every menu rule, translated into en, zh-CN and fr", async () => {
    const owner = new Client();
    expect((await owner.post("/api/auth/login", { email: "owner@demo.test", password: "tableside-demo" })).status).toBe(200);
    const doc = (await owner.get("/api/merchants/mer_demo/menu/export")).body;
    expect(MenuDocument.safeParse(doc).success).toBe(true);
    const issues = doc.categories.flatMap((c: any, ci: number) => c.dishes.flatMap((d: any, di: number) => checkDish(d, ["en", "zh-CN", "fr"], `${ci}.${di}`)));
    expect(issues).toEqual([]);
    for (const c of doc.categories) {
      for (const text of [c.name, ...c.dishes.flatMap((d: any) => [d.name, d.description, ...d.optionGroups.flatMap((g: any) => [g.name, ...g.options.map((o: any) => o.name)])])]) {
        expect(Object.keys(text).sort()).toEqual(["en", "fr", "zh-CN"]);
      }
    }
  });
});

describe("the demo table page", () => {
  it("fits the budget: at most 30 KiB of gzipped HTML in each language", async () => {
    for (const lang of ["en", "zh-CN", "fr"]) {
      const res = await new Client().raw("GET", `/q/${tables[0]!.code}?lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const size = await gzipSize(html);
      expect(size, lang).toBeLessThanOrEqual(30 * 1024);
    }
  });

  it("shows every guest dish of the demo in Chinese for a Chinese browser", async () => {
    const res = await new Client().raw("GET", `/q/${tables[5]!.code}`, { headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" } });
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="zh-CN">/);
    for (const dish of DEMO_MENU.flatMap((c) => c.dishes)) {
      if (dish.staffOnly) expect(html).not.toContain(dish.name["zh-CN"]);
      else expect(html).toContain(`>${dish.name["zh-CN"]}</h3>`);
    }
    expect(html).toContain("€14.50");
    expect(html).toContain("简体中文");
  });
});
