import { env } from "cloudflare:workers";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { DEMO_MERCHANT_ID } from "../../src/db/seed/demo";
import { mediaPath, type ImageRef } from "../../src/domain/images/types";
import { fetchMedia } from "./support";

const seed = () => new Client().req("POST", "/api/dev/seed", {}, { authorization: `Bearer ${env.PLATFORM_BOOTSTRAP_SECRET}` });
const dishImages = async () =>
  (await env.DB.prepare("SELECT id, image FROM menu_dishes WHERE merchant_id = ? AND image IS NOT NULL ORDER BY id").bind(DEMO_MERCHANT_ID).all<{ id: string; image: string }>()).results.map((r) => ({ id: r.id, image: JSON.parse(r.image) as ImageRef }));
const objectCount = async () => (await env.MEDIA.list({ prefix: `media/${DEMO_MERCHANT_ID}/` })).objects.length;

describe("demo pictures", () => {
  it("the seed uploads a picture for the demo's dishes, a logo and a cover through the image service; seeding again uploads nothing", async () => {
    expect((await seed()).status).toBe(200);
    const first = await dishImages();
    expect(first.length).toBeGreaterThanOrEqual(8);
    for (const { image } of first) expect(image).toMatchObject({ kind: "dish", type: "png", widths: [128, 256, 512] });
    const rows = await env.DB.prepare("SELECT kind, bytes FROM images WHERE merchant_id = ?").bind(DEMO_MERCHANT_ID).all<{ kind: string; bytes: number }>();
    expect(rows.results.filter((r) => r.kind === "cover")).toHaveLength(1);
    expect(rows.results.filter((r) => r.kind === "logo")).toHaveLength(1);
    const objects = await objectCount();
    expect(objects).toBe(first.length * 3 + 3 + 2);
    // Small files: a dish picture at 256 px is a few kB.
    const served = await fetchMedia(mediaPath(DEMO_MERCHANT_ID, first[0]!.image, 256));
    expect(served.status).toBe(200);
    expect((await served.arrayBuffer()).byteLength).toBeLessThan(20_000);
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE merchant_id = ? AND action = 'menu.dish_image_set'").bind(DEMO_MERCHANT_ID).first<{ n: number }>();
    expect(audit?.n).toBe(first.length);

    expect((await seed()).status).toBe(200);
    expect(await dishImages()).toEqual(first);
    expect(await objectCount()).toBe(objects);
  });

  it("the demo page shows them with srcset and stays within its 30 KiB gzipped HTML budget", async () => {
    const html = await (await fetchMedia("/m/demo", { "accept-language": "en" })).text();
    const imgs = html.match(/<img [^>]*>/g) ?? [];
    const dishPics = imgs.filter((i) => i.includes('class="pic"'));
    expect(dishPics.length).toBeGreaterThanOrEqual(8);
    for (const img of dishPics) expect(img).toMatch(/srcset="[^"]+128w, [^"]+256w, [^"]+512w" sizes="88px".*width="88" height="88"/);
    expect(dishPics.slice(0, 3).every((i) => !i.includes('loading="lazy"'))).toBe(true);
    expect(dishPics.slice(3).every((i) => i.includes('loading="lazy"'))).toBe(true);
    expect(imgs.find((i) => i.includes('class="cover"'))).toMatch(/width="360" height="120"/);
    expect(gzipSync(html).length).toBeLessThan(30 * 1024);
  });
});
