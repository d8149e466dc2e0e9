import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { signUpMerchant, type SignedUp } from "../helpers/client";
import { noodleDish, smallMenu } from "../menu/fixtures";
import { solidPng } from "../../src/db/seed/png";
import { mediaPath, objectKey, type ImageRef } from "../../src/domain/images/types";
import { fetchMedia, squares, upload } from "./support";

let owner: SignedUp;
let other: SignedUp;
let base: string;
let dishId: string;
let categoryId: string;

beforeAll(async () => {
  owner = await signUpMerchant();
  other = await signUpMerchant();
  ({ base, categoryId } = await smallMenu(owner));
  dishId = (await owner.client.post(`${base}/dishes`, noodleDish(categoryId, { name: { en: "Photo noodles" } }))).body.dish.id;
});

const imageRows = async (merchantId: string) =>
  (await env.DB.prepare("SELECT key, kind, type, widths, bytes FROM images WHERE merchant_id = ? ORDER BY key").bind(merchantId).all<{ key: string; kind: string; widths: string; bytes: number }>()).results;
const objects = async (merchantId: string) => (await env.MEDIA.list({ prefix: `media/${merchantId}/` })).objects.map((o) => o.key).sort();
const filesOf = (merchantId: string, ref: ImageRef) => ref.widths.map((w) => objectKey(merchantId, ref, w)).sort();

describe("dish photo upload", () => {
  it("stores every width in R2 under the merchant, records one row, and the dish and the guest menu carry it", async () => {
    const res = await upload(owner.client, "PUT", `${base}/dishes/${dishId}/image`, await squares([128, 256, 512]));
    expect(res.status).toBe(200);
    const image = res.body.image as ImageRef;
    expect(image).toMatchObject({ kind: "dish", type: "png", widths: [128, 256, 512], width: 512, height: 512 });
    expect(image.key).toMatch(/^[0-9a-f]{64}$/);
    expect(await objects(owner.merchantId)).toEqual(filesOf(owner.merchantId, image));
    expect(await imageRows(owner.merchantId)).toMatchObject([{ key: image.key, kind: "dish", widths: "[128,256,512]" }]);
    const dish = (await owner.client.get(`${base}/dishes/${dishId}`)).body.dish;
    expect(dish.image).toEqual(image);
    const page = await fetchMedia(`/m/${owner.slug}`);
    const html = await page.text();
    expect(html).toContain(`srcset="${mediaPath(owner.merchantId, image, 128)} 128w`);
  });

  it("serves a file with its type, immutable caching and the same bytes; an unknown or malformed name is 404", async () => {
    const dish = (await owner.client.get(`${base}/dishes/${dishId}`)).body.dish;
    const path = mediaPath(owner.merchantId, dish.image, 256);
    const res = await fetchMedia(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes).toEqual(await solidPng(256, 256));
    expect((await fetchMedia(path.replace(/[0-9a-f]{64}/, "0".repeat(64)))).status).toBe(404);
    expect((await fetchMedia(`/media/${owner.merchantId}/..%2Fsecret-256.png`)).status).toBe(404);
    // Another merchant's prefix never reaches this merchant's files.
    expect((await fetchMedia(path.replace(owner.merchantId, other.merchantId))).status).toBe(404);
  });

  it("refuses a wrong type, size, shape, width set or body with a clear error, and stores nothing", async () => {
    const before = await objects(owner.merchantId);
    const url = `${base}/dishes/${dishId}/image`;
    const gif = new TextEncoder().encode("GIF89a\x80\x00\x80\x00");
    const cases: [Uint8Array[], string][] = [
      [[gif], "unsupported_image"],
      [[await solidPng(128, 100)], "image_dimensions"],
      [[await solidPng(300, 300)], "image_dimensions"],
      [await squares([256, 512]), "image_dimensions"],
    ];
    for (const [files, code] of cases) {
      const res = await upload(owner.client, "PUT", url, files);
      expect(res.status, code).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    // A file over the dish limit (300 kB) with a valid header.
    const noisy = new Uint8Array(320_000);
    noisy.set(await solidPng(128, 128));
    const big = await upload(owner.client, "PUT", url, [noisy]);
    expect([big.status, big.body.error.code]).toEqual([400, "image_too_large"]);
    // Not multipart at all.
    const json = await owner.client.put(url, { url: "https://example.com/a.jpg" });
    expect([json.status, json.body.error.code]).toEqual([400, "invalid_request"]);
    // A whole body over the upload limit is refused before it is read.
    const huge = await upload(owner.client, "PUT", url, [new Uint8Array(1_600_000)]);
    expect([huge.status, huge.body.error.code]).toEqual([413, "upload_too_large"]);
    expect(await objects(owner.merchantId)).toEqual(before);
  });

  it("is refused to another merchant's owner (404) and to a signed-out request (401)", async () => {
    const res = await upload(other.client, "PUT", `${base}/dishes/${dishId}/image`, await squares([128]));
    expect(res.status).toBe(404);
    const anonymous = await exports.default.fetch(`https://tableside.test${base}/dishes/${dishId}/image`, { method: "PUT", body: new FormData() });
    expect(anonymous.status).toBe(401);
  });
});

describe("tenant isolation", () => {
  it("another merchant cannot set, replace or remove this merchant's dish photo, even naming it in its own URL", async () => {
    const own = (await owner.client.get(`${base}/dishes/${dishId}`)).body.dish.image as ImageRef;
    const otherBase = `/api/merchants/${other.merchantId}/menu`;
    // Through the first merchant's URL: not its merchant (404), nothing written.
    expect((await upload(other.client, "PUT", `${base}/dishes/${dishId}/image`, await squares([128], [1, 2, 3]))).status).toBe(404);
    expect((await other.client.del(`${base}/dishes/${dishId}/image`)).status).toBe(404);
    // Through its own URL with the first merchant's dish id: no such dish in its menu.
    const cross = await upload(other.client, "PUT", `${otherBase}/dishes/${dishId}/image`, await squares([128]));
    expect([cross.status, cross.body.error.code]).toEqual([404, "not_found"]);
    expect((await owner.client.get(`${base}/dishes/${dishId}`)).body.dish.image).toEqual(own);
    expect(await objects(other.merchantId)).toEqual([]);
  });

  it("the same picture uploaded by two merchants is two sets of files, each under its own prefix; removing one leaves the other", async () => {
    const { categoryId: otherCat } = await smallMenu(other);
    const otherBase = `/api/merchants/${other.merchantId}/menu`;
    const otherDish = (await other.client.post(`${otherBase}/dishes`, noodleDish(otherCat))).body.dish.id;
    const files = await squares([128, 256], [9, 9, 9]);
    const mine = (await upload(owner.client, "PUT", `${base}/dishes/${dishId}/image`, files)).body.image as ImageRef;
    const theirs = (await upload(other.client, "PUT", `${otherBase}/dishes/${otherDish}/image`, files)).body.image as ImageRef;
    expect(theirs.key).toBe(mine.key);
    expect(await objects(other.merchantId)).toEqual(filesOf(other.merchantId, theirs));
    expect((await other.client.del(`${otherBase}/dishes/${otherDish}/image`)).status).toBe(200);
    expect(await objects(other.merchantId)).toEqual([]);
    expect(await imageRows(other.merchantId)).toEqual([]);
    expect(await objects(owner.merchantId)).toEqual(filesOf(owner.merchantId, mine));
    expect((await fetchMedia(mediaPath(owner.merchantId, mine, 128))).status).toBe(200);
  });
});

describe("no orphans", () => {
  it("replacing a photo removes the old files and row; a photo still used by another dish stays until the last one lets go", async () => {
    const second = (await owner.client.post(`${base}/dishes`, noodleDish(categoryId, { name: { en: "Twin" } }))).body.dish.id;
    const shared = await squares([128], [50, 60, 70]);
    const a = (await upload(owner.client, "PUT", `${base}/dishes/${dishId}/image`, shared)).body.image as ImageRef;
    const b = (await upload(owner.client, "PUT", `${base}/dishes/${second}/image`, shared)).body.image as ImageRef;
    expect(b.key).toBe(a.key);
    // The first dish gets a new photo: the shared one stays (the twin uses it).
    const fresh = (await upload(owner.client, "PUT", `${base}/dishes/${dishId}/image`, await squares([128, 256], [1, 200, 1]))).body.image as ImageRef;
    expect((await imageRows(owner.merchantId)).map((r) => r.key).sort()).toEqual([a.key, fresh.key].sort());
    // Deleting the twin lets the shared photo go: its row and its files.
    expect((await owner.client.del(`${base}/dishes/${second}`)).status).toBe(200);
    expect((await imageRows(owner.merchantId)).map((r) => r.key)).toEqual([fresh.key]);
    expect(await objects(owner.merchantId)).toEqual(filesOf(owner.merchantId, fresh));
    expect((await fetchMedia(mediaPath(owner.merchantId, a, 128))).status).toBe(404);
  });

  it("removing a photo and deleting a dish leave nothing behind", async () => {
    expect((await owner.client.del(`${base}/dishes/${dishId}/image`)).body.image).toBeNull();
    expect(await objects(owner.merchantId)).toEqual([]);
    expect(await imageRows(owner.merchantId)).toEqual([]);
    await upload(owner.client, "PUT", `${base}/dishes/${dishId}/image`, await squares([128], [3, 3, 3]));
    expect(await objects(owner.merchantId)).toHaveLength(1);
    expect((await owner.client.del(`${base}/dishes/${dishId}`)).status).toBe(200);
    expect(await objects(owner.merchantId)).toEqual([]);
    expect(await imageRows(owner.merchantId)).toEqual([]);
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE merchant_id = ? AND action LIKE 'menu.dish_image%'").bind(owner.merchantId).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toContain("menu.dish_image_removed");
  });
});

describe("logo and cover", () => {
  it("uploads a cover and a logo, shows them on the guest page, replaces and removes them without orphans", async () => {
    const mb = `/api/merchants/${owner.merchantId}/branding`;
    const covers = await Promise.all([480, 960].map((w) => solidPng(w, w / 3, [10, 90, 200])));
    const cover = await upload(owner.client, "PUT", `${mb}/cover`, covers);
    expect(cover.status).toBe(200);
    expect(cover.body.image).toMatchObject({ kind: "cover", widths: [480, 960], width: 960, height: 320 });
    const logo = await upload(owner.client, "PUT", `${mb}/logo`, await squares([96, 192], [200, 10, 10]));
    expect(logo.body.image).toMatchObject({ kind: "logo", widths: [96, 192] });
    const merchant = (await owner.client.get(`/api/merchants/${owner.merchantId}`)).body.merchant;
    expect(merchant.branding.cover).toEqual(cover.body.image);
    const html = await (await fetchMedia(`/m/${owner.slug}`)).text();
    expect(html).toContain(mediaPath(owner.merchantId, cover.body.image, 480));
    expect(html).toContain(mediaPath(owner.merchantId, logo.body.image, 96));
    // A cover of the dish shape is refused.
    expect((await upload(owner.client, "PUT", `${mb}/cover`, await squares([480]))).body.error.code).toBe("image_dimensions");
    // A new cover replaces the old one: its files and row go.
    const next = await upload(owner.client, "PUT", `${mb}/cover`, await Promise.all([480].map((w) => solidPng(w, w / 3, [0, 0, 0]))));
    expect(next.status).toBe(200);
    expect((await imageRows(owner.merchantId)).map((r) => r.key).sort()).toEqual([next.body.image.key, logo.body.image.key].sort());
    expect((await owner.client.del(`${mb}/cover`)).status).toBe(200);
    expect((await owner.client.del(`${mb}/logo`)).status).toBe(200);
    expect(await objects(owner.merchantId)).toEqual([]);
    expect((await owner.client.get(`/api/merchants/${owner.merchantId}`)).body.merchant.branding).toEqual({});
  });
});
