import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Client, signUpMerchant, type SignedUp } from "../helpers/client";
import { smallMenu } from "../menu/fixtures";
import { codeKey, merchantKey, POINTER_TTL_S, slugKey } from "../../src/pages/cache";

const guest = new Client("203.0.113.9");
/** A first-time guest: no cookies. */
const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await new Client("203.0.113.9").raw("GET", path, { headers });
  return { status: res.status, headers: res.headers, html: await res.text() };
};

interface Restaurant {
  owner: SignedUp;
  menu: Awaited<ReturnType<typeof smallMenu>>;
  table: { id: string; code: string; name: string };
}

async function restaurant(overrides: Record<string, unknown> = {}): Promise<Restaurant> {
  const owner = await signUpMerchant(overrides);
  const menu = await smallMenu(owner);
  const table = (await owner.client.post(`/api/merchants/${owner.merchantId}/stores/${owner.storeId}/tables`, { name: "Terrace 4", area: "Terrace" })).body.table;
  return { owner, menu, table };
}

let r: Restaurant;
beforeAll(async () => {
  r = await restaurant();
});

describe("the table page /q/<code>", () => {
  it("is server-rendered HTML with the whole menu, prices, tags, allergens and options", async () => {
    const res = await page(`/q/${r.table.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = res.html;
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain("<h2 id=\"h-" + r.menu.categoryId + "\">Noodles</h2>");
    expect(html).toContain(">Beef noodles</h3>");
    expect(html).toContain("Hand-pulled noodles in a slow beef broth.");
    expect(html).toContain("€12.50");
    expect(html).toContain("Spicy</li>");
    expect(html).toMatch(/Contains.*Gluten, Soy/);
    expect(html).toContain("Size");
    expect(html).toContain("+€3.00");
    expect(html).toMatch(/<input type="radio" name="g-[^"]+" value="[^"]+" data-delta="0" checked/);
    expect(html).toContain(`<span class="tbl">Terrace 4</span>`);
  });

  it("has the live cart mount point with a no-JS text, and loads the island", async () => {
    const { html } = await page(`/q/${r.table.code}`);
    expect(html).toMatch(new RegExp(`<section id="table-live" aria-label="Your table" data-table-code="${r.table.code}" data-lang="en" data-currency="EUR"`));
    expect(html).toContain("To order together with your table, turn on JavaScript.");
    expect(html).toContain('<script type="module" src="/guest/table.js"></script>');
    expect(html).not.toContain("__TS_TABLE");
  });

  it("starts with a skip link to the menu, in the guest's language", async () => {
    const en = (await page(`/q/${r.table.code}`)).html;
    const body = en.slice(en.indexOf("<body>"));
    expect(body.indexOf('<a class="skip" href="#menu">Skip to the menu</a>')).toBe("<body>".length);
    expect(en).toMatch(/<main id="menu" tabindex="-1"/);
    const fr = (await page(`/q/${r.table.code}`, { "accept-language": "fr-FR,fr" })).html;
    expect(fr).toContain('<a class="skip" href="#menu">Aller au menu</a>');
  });

  it("is readable with JavaScript off: every dish name and price is plain HTML text", async () => {
    const { html } = await page(`/q/${r.table.code}`);
    const text = html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ");
    for (const words of ["Beef noodles", "€12.50", "Regular", "Large", "Extra beef", "+€4.00", "Noodles"]) expect(text).toContain(words);
  });

  it("picks the language from Accept-Language, formats prices for it, and falls back per text", async () => {
    const { html, headers } = await page(`/q/${r.table.code}`, { "accept-language": "fr-CA,fr;q=0.9,en;q=0.5" });
    expect(headers.get("content-language")).toBe("fr");
    expect(html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(html).toContain(">Nouilles au bœuf</h3>");
    expect(html).toMatch(/12,50\s€/);
    // The description has no French text: the English one is shown, marked as English.
    expect(html).toContain('<p class="desc" lang="en">Hand-pulled noodles in a slow beef broth.</p>');
    expect(html).toContain("Épicé</li>");
    const unsupported = await page(`/q/${r.table.code}`, { "accept-language": "de-DE,de;q=0.9" });
    expect(unsupported.headers.get("content-language")).toBe("en");
  });

  it("remembers a language chosen with ?lang= in a cookie", async () => {
    const chooser = new Client();
    const first = await chooser.raw("GET", `/q/${r.table.code}?lang=fr`, { headers: { "accept-language": "en" } });
    expect(first.headers.get("set-cookie")).toMatch(/^ts_lang=fr; Path=\/; Max-Age=31536000; SameSite=Lax; Secure/);
    expect(first.headers.get("content-language")).toBe("fr");
    const again = await chooser.raw("GET", `/q/${r.table.code}`, { headers: { "accept-language": "en" } });
    expect(again.headers.get("content-language")).toBe("fr");
    expect(again.headers.get("set-cookie")).toBeNull();
    const ignored = await chooser.raw("GET", `/q/${r.table.code}?lang=xx`);
    expect(ignored.headers.get("content-language")).toBe("fr");
  });

  it("marks sold-out and out-of-hours dishes and hides staff-only and hidden ones", async () => {
    const { owner, menu } = await restaurant();
    const base = menu.base;
    const paris = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", weekday: "short" }).format(new Date());
    const today = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(paris) + 1;
    const otherDays = [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today);
    const later = await owner.client.post(`${base}/dishes`, { categoryId: menu.categoryId, name: { en: "Not today" }, price: 900, windows: [{ days: otherDays, from: "00:00", to: "00:00" }] });
    const now = await owner.client.post(`${base}/dishes`, { categoryId: menu.categoryId, name: { en: "Every day" }, price: 900, windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: "00:00", to: "00:00" }] });
    await owner.client.post(`${base}/dishes`, { categoryId: menu.categoryId, name: { en: "Family meal" }, price: 0, staffOnly: true });
    await owner.client.post(`${base}/dishes`, { categoryId: menu.categoryId, name: { en: "Secret special" }, price: 100, hidden: true });
    await owner.client.put(`${base}/dishes/${menu.dishId}/sold-out`, { storeId: owner.storeId, soldOut: true });
    const table = (await owner.client.post(`/api/merchants/${owner.merchantId}/stores/${owner.storeId}/tables`, { name: "1" })).body.table;
    const { html } = await page(`/q/${table.code}`);
    expect(html).toMatch(new RegExp(`class="dish off" id="d-${menu.dishId}"[^>]*data-state="sold_out"`));
    expect(html).toMatch(new RegExp(`id="d-${later.body.dish.id}"[^>]*data-state="outside_hours"`));
    expect(html).toMatch(new RegExp(`class="dish" id="d-${now.body.dish.id}"[^>]*data-state="available"`));
    expect(html).toContain('<span class="state">Sold out</span>');
    expect(html).toContain('<span class="state">Not available now</span>');
    expect(html).toContain(">Beef noodles</h3>");
    expect(html).not.toContain("Family meal");
    expect(html).not.toContain("Secret special");
    expect(html).not.toContain(`data-add="${menu.dishId}"`);
    expect(html).toContain(`data-add="${now.body.dish.id}"`);
  });

  it("escapes what owners type", async () => {
    const { owner, menu } = await restaurant();
    await owner.client.post(`${menu.base}/dishes`, { categoryId: menu.categoryId, name: { en: '<script>alert("x")</script>' }, price: 100 });
    const table = (await owner.client.post(`/api/merchants/${owner.merchantId}/stores/${owner.storeId}/tables`, { name: "<b>VIP</b>" })).body.table;
    const { html } = await page(`/q/${table.code}`);
    expect(html).not.toContain('<script>alert("x")</script>');
    expect(html).toContain("&lt;script>alert(&quot;x&quot;)&lt;/script>");
    expect(html).toContain(">&lt;b&gt;VIP&lt;/b&gt;<");
    expect(html).not.toContain("<b>VIP");
  });

  it("uses the merchant's branding, kept readable, and names us only in the footer", async () => {
    const { owner } = await restaurant();
    await env.DB.prepare("UPDATE merchants SET branding = ? WHERE id = ?")
      .bind(JSON.stringify({ accentColor: "#ffd54f", logoUrl: "https://cdn.example.com/logo.png", coverUrl: "javascript:alert(1)" }), owner.merchantId)
      .run();
    const table = (await owner.client.post(`/api/merchants/${owner.merchantId}/stores/${owner.storeId}/tables`, { name: "2" })).body.table;
    const { html } = await page(`/q/${table.code}`);
    const accent = /--a:(#[0-9a-f]{6})/.exec(html)![1]!;
    expect(accent).not.toBe("#ffd54f");
    expect(html).toContain('<img class="logo" src="https://cdn.example.com/logo.png"');
    expect(html).not.toContain("javascript:alert");
    expect(html.match(/Tableside/g)).toHaveLength(1);
    expect(html).toContain("<footer>Ordering by Tableside</footer>");
  });
});

describe("caching", () => {
  it("serves a repeat visit from the cache, and an edit shows at once under a new key", async () => {
    const { owner, menu, table } = await restaurant();
    const first = await page(`/q/${table.code}`);
    expect(first.headers.get("x-tableside-cache")).toBe("miss");
    const second = await page(`/q/${table.code}`);
    expect(second.headers.get("x-tableside-cache")).toBe("hit");
    expect(second.html).toBe(first.html);
    // Another language is another entry.
    expect((await page(`/q/${table.code}?lang=fr`)).headers.get("x-tableside-cache")).toBe("miss");

    await owner.client.patch(`${menu.base}/dishes/${menu.dishId}`, { price: 1390 });
    const edited = await page(`/q/${table.code}`);
    expect(edited.headers.get("x-tableside-cache")).toBe("miss");
    expect(edited.html).toContain("€13.90");
    expect(edited.html).not.toContain("€12.50");
    expect(edited.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect((await page(`/q/${table.code}`)).headers.get("x-tableside-cache")).toBe("hit");

    await owner.client.put(`${menu.base}/dishes/${menu.dishId}/sold-out`, { storeId: owner.storeId, soldOut: true });
    const soldOut = await page(`/q/${table.code}`);
    expect(soldOut.headers.get("x-tableside-cache")).toBe("miss");
    expect(soldOut.html).toContain("Sold out");
  });

  it("a repeat visit reads nothing from D1", async () => {
    const { owner, table } = await restaurant();
    const warm = await page(`/q/${table.code}`);
    // Change D1 behind the app's back: a page served from the cache cannot notice.
    await env.DB.prepare("UPDATE merchants SET name = 'Renamed in D1' WHERE id = ?").bind(owner.merchantId).run();
    const repeat = await page(`/q/${table.code}`);
    expect(repeat.headers.get("x-tableside-cache")).toBe("hit");
    expect(repeat.html).toBe(warm.html);
  });

  it("one cached page serves every table of the store; nothing in it belongs to one table or diner", async () => {
    const { owner, table } = await restaurant();
    const other = (await owner.client.post(`/api/merchants/${owner.merchantId}/stores/${owner.storeId}/tables`, { name: "Window" })).body.table;
    const a = await page(`/q/${table.code}`);
    const b = await page(`/q/${other.code}`);
    expect(b.headers.get("x-tableside-cache")).toBe("hit");
    expect(b.html).toBe(a.html.replaceAll(table.code, other.code).replace(">Terrace 4<", ">Table Window<"));
    expect(a.headers.get("set-cookie")).toBeNull();
  });

  it("keeps every pointer at most 20 s, so other data centres see a rotation, a new link or a suspension within 20 s", async () => {
    const { owner, table } = await restaurant();
    await page(`/q/${table.code}`);
    await page(`/m/${owner.slug}`);
    const cache = (caches as unknown as { default: Cache }).default;
    for (const key of [codeKey(table.code), slugKey(owner.slug), merchantKey(owner.merchantId)]) {
      const hit = await cache.match(key);
      expect(hit, key).toBeDefined();
      expect(hit!.headers.get("cache-control"), key).toBe(`max-age=${POINTER_TTL_S}`);
    }
    expect(POINTER_TTL_S).toBeLessThanOrEqual(20);
  });

  it("a changed public link stops answering here at once", async () => {
    const { owner } = await restaurant();
    expect((await page(`/m/${owner.slug}`)).status).toBe(200);
    const renamed = `${owner.slug}-new`;
    expect((await owner.client.patch(`/api/merchants/${owner.merchantId}`, { slug: renamed })).status).toBe(200);
    expect((await page(`/m/${owner.slug}`)).status).toBe(404);
    expect((await page(`/m/${renamed}`)).status).toBe(200);
  });

  it("answers 304 to a browser that has the current page", async () => {
    const first = await page(`/q/${r.table.code}`);
    const etag = first.headers.get("etag")!;
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("vary")).toBe("Accept-Language, Cookie");
    const again = await guest.raw("GET", `/q/${r.table.code}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });
});

describe("pages for what cannot be shown", () => {
  it("unknown and malformed codes answer a 404 page", async () => {
    for (const code of ["zzzzzzzzzzzz", "NOT-A-CODE!", "a"]) {
      const res = await page(`/q/${encodeURIComponent(code)}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.html).toContain("This table code does not exist.");
    }
    const zh = await page("/q/zzzzzzzzzzzz", { "accept-language": "zh-CN" });
    expect(zh.html).toContain("此餐桌代码不存在");
  });

  it("a rotated code answers 410 “no longer in use”, in the restaurant's colours and the guest's language", async () => {
    const { owner, table } = await restaurant();
    await page(`/q/${table.code}`);
    await owner.client.post(`/api/merchants/${owner.merchantId}/stores/${owner.storeId}/tables/${table.id}/rotate-code`);
    const res = await page(`/q/${table.code}`, { "accept-language": "fr" });
    expect(res.status).toBe(410);
    expect(res.html).toContain("Ce code n'est plus utilisé");
    const en = await page(`/q/${table.code}`);
    expect(en.html).toContain("This code is no longer in use");
    expect(en.html).toContain("Bistro ");
  });

  it("a suspended merchant answers 503 and a closed store answers 503, each with a clear page", async () => {
    const suspended = await restaurant();
    await env.DB.prepare("UPDATE merchants SET status = 'suspended' WHERE id = ?").bind(suspended.owner.merchantId).run();
    const s = await page(`/q/${suspended.table.code}`);
    expect(s.status).toBe(503);
    expect(s.html).toContain("Ordering is unavailable");
    expect(s.html).not.toContain("Beef noodles");
    expect((await page(`/m/${suspended.owner.slug}`)).status).toBe(503);

    const closed = await restaurant();
    await env.DB.prepare("UPDATE stores SET status = 'closed' WHERE id = ?").bind(closed.owner.storeId).run();
    const c = await page(`/q/${closed.table.code}`);
    expect(c.status).toBe(503);
    expect(c.headers.get("retry-after")).toBe("3600");
    expect(c.html).toContain("Closed right now");
  });
});

describe("the restaurant page /m/<slug>", () => {
  it("shows the menu of a one-store restaurant without a cart", async () => {
    const res = await page(`/m/${r.owner.slug}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain(">Beef noodles</h3>");
    expect(res.html).not.toContain('id="table-live"');
    expect(res.html).not.toContain("data-add=");
  });

  it("lists the stores of a restaurant with several, each with its own page", async () => {
    const { owner } = await restaurant();
    const second = await owner.client.post(`/api/merchants/${owner.merchantId}/stores`, { name: "Riverside", slug: "riverside", timeZone: "Europe/Paris", currency: "EUR", languages: ["en", "fr"] });
    expect(second.status).toBe(201);
    const list = await page(`/m/${owner.slug}`);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/m/${owner.slug}/main-street"`);
    expect(list.html).toContain(`href="/m/${owner.slug}/riverside"`);
    const store = await page(`/m/${owner.slug}/riverside`);
    expect(store.status).toBe(200);
    expect(store.html).toContain("Riverside");
    expect(store.html).toContain(">Beef noodles</h3>");
    expect((await page(`/m/${owner.slug}/nowhere`)).status).toBe(404);
  });

  it("answers 404 for an unknown restaurant", async () => {
    const res = await page("/m/no-such-restaurant-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
  });
});
