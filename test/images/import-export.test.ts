import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { signUpMerchant, type SignedUp } from "../helpers/client";
import { noodleDish, smallMenu } from "../menu/fixtures";
import { objectKey, type ImageRef } from "../../src/domain/images/types";
import { squares, upload } from "./support";

let owner: SignedUp;
let other: SignedUp;
let base: string;
let dishId: string;
let photo: ImageRef;

const objects = async (merchantId: string) => (await env.MEDIA.list({ prefix: `media/${merchantId}/` })).objects.map((o) => o.key).sort();
const rows = async (merchantId: string) => (await env.DB.prepare("SELECT key FROM images WHERE merchant_id = ?").bind(merchantId).all<{ key: string }>()).results.map((r) => r.key);

beforeAll(async () => {
  owner = await signUpMerchant();
  other = await signUpMerchant();
  let categoryId: string;
  ({ base, categoryId } = await smallMenu(owner));
  dishId = (await owner.client.post(`${base}/dishes`, noodleDish(categoryId, { name: { en: "Pictured" } }))).body.dish.id;
  photo = (await upload(owner.client, "PUT", `${base}/dishes/${dishId}/image`, await squares([128, 256], [120, 40, 20]))).body.image;
});

describe("menu export and import carry dish photos", () => {
  it("exports each width of a dish photo as base64, and another merchant's import stores them under its own prefix", async () => {
    const doc = (await owner.client.get(`${base}/export`)).body;
    const dish = doc.categories.flatMap((c: any) => c.dishes).find((d: any) => d.id === dishId);
    expect(dish.image.files).toHaveLength(2);
    const first = Uint8Array.from(atob(dish.image.files[0]), (c) => c.charCodeAt(0));
    expect(first.length).toBe((await env.MEDIA.head(objectKey(owner.merchantId, photo, 128)))!.size);

    const imported = await other.client.post(`/api/merchants/${other.merchantId}/menu/import`, doc);
    expect(imported.status).toBe(200);
    const theirs = (await other.client.get(`/api/merchants/${other.merchantId}/menu`)).body.categories.flatMap((c: any) => c.dishes).find((d: any) => d.name.en === "Pictured");
    expect(theirs.image).toEqual(photo);
    expect(await objects(other.merchantId)).toEqual(photo.widths.map((w) => objectKey(other.merchantId, photo, w)).sort());
    expect(await rows(other.merchantId)).toEqual([photo.key]);
  });

  it("re-importing its own export keeps the photo; importing a menu without it removes its files and row", async () => {
    const doc = (await owner.client.get(`${base}/export`)).body;
    expect((await owner.client.post(`${base}/import`, doc)).status).toBe(200);
    expect(await rows(owner.merchantId)).toEqual([photo.key]);
    for (const c of doc.categories) for (const d of c.dishes) d.image = null;
    expect((await owner.client.post(`${base}/import`, doc)).status).toBe(200);
    expect(await rows(owner.merchantId)).toEqual([]);
    expect(await objects(owner.merchantId)).toEqual([]);
  });

  it("refuses a document whose photo is not a valid image, naming where, and stores nothing", async () => {
    const doc = (await owner.client.get(`${base}/export`)).body;
    doc.categories[0].dishes[0].image = { files: [btoa("GIF89a not an image")] };
    const res = await owner.client.post(`${base}/import`, doc);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("unsupported_image");
    expect(res.body.error.message).toMatch(/^categories\.0\.dishes\.0\.image: /);
    expect(await objects(owner.merchantId)).toEqual([]);
  });
});
