import { eq, sql } from "drizzle-orm";
import { dishes, images, merchants } from "../db/schema";
import { loadEditorDish } from "../db/menu/editor";
import { announceMenuChange } from "../db/menu/live";
import { mergeBranding } from "../domain/branding";
import { checkImageFiles } from "../domain/images/rules";
import { CONTENT_TYPES, objectKey, type ImageKind, type ImageRef } from "../domain/images/types";
import type { TenantCall } from "./actor";
import { commit, type Statement } from "./commit";
import { invalid, notFound } from "./errors";

/** A tenant call (it reaches the MEDIA bucket through its env). */
export type ImageCall = TenantCall;

export type BrandingSlot = "logo" | "cover";

/** Files never change under their name (it is their hash), so caches may keep them for a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** A checked image, stored in the bucket, with the row to write in the same batch as its first reference. */
export interface StoredImage {
  ref: ImageRef;
  row: Statement;
}

/**
 * Checks an upload (src/domain/images/rules.ts), names it by the SHA-256 of its kind and files,
 * and puts each width in the bucket under the merchant's own prefix. Putting the same picture
 * again writes the same bytes under the same names, so nothing of another upload (and nothing of
 * another merchant, whose prefix differs) can be overwritten with something else.
 */
export async function storeImage(call: ImageCall, kind: ImageKind, files: Uint8Array[]): Promise<StoredImage> {
  const checked = checkImageFiles(kind, files);
  if (!checked.ok) throw invalid(checked.issue.code, checked.issue.message);
  const ordered = checked.order.map((i) => files[i]!);
  const hashes = await Promise.all(ordered.map(async (f) => hex(await crypto.subtle.digest("SHA-256", f as Uint8Array<ArrayBuffer>))));
  const key = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${kind}:${hashes.join(":")}`)));
  const ref: ImageRef = { key, kind, type: checked.type, widths: checked.widths, width: checked.width, height: checked.height };
  const merchantId = call.scope.merchantId;
  await Promise.all(
    ordered.map((bytes, i) =>
      call.env.MEDIA.put(objectKey(merchantId, ref, ref.widths[i]!), bytes, {
        httpMetadata: { contentType: CONTENT_TYPES[ref.type], cacheControl: IMMUTABLE },
        sha256: hashes[i]!,
      }),
    ),
  );
  const bytes = ordered.reduce((n, f) => n + f.length, 0);
  const row = call.scope
    .insert(images, { key, kind, type: ref.type, widths: ref.widths, width: ref.width, height: ref.height, bytes, createdAt: Date.now() })
    .onConflictDoNothing();
  return { ref, row };
}

/**
 * Removes the merchant's images that no dish and no branding references any more: the rows in one
 * statement (the check and the delete cannot be split by another write), then their files.
 * Answers the keys removed. Called after every change that drops a reference.
 */
export async function collectUnusedImages(call: ImageCall): Promise<string[]> {
  const { scope } = call;
  const m = scope.merchantId;
  const unused = sql`NOT EXISTS (SELECT 1 FROM ${dishes} WHERE ${dishes.merchantId} = ${m} AND json_extract(${dishes.image}, '$.key') = ${images.key})
    AND NOT EXISTS (SELECT 1 FROM ${merchants} WHERE ${merchants.id} = ${m}
      AND (json_extract(${merchants.branding}, '$.logo.key') = ${images.key} OR json_extract(${merchants.branding}, '$.cover.key') = ${images.key}))`;
  const removed = await scope.delete(images, unused).returning({ key: images.key, type: images.type, widths: images.widths });
  const objects = removed.flatMap((r) => r.widths.map((w) => objectKey(m, r, w)));
  if (objects.length) await call.env.MEDIA.delete(objects);
  return removed.map((r) => r.key);
}

/**
 * A concurrent collection may have deleted the files of a picture uploaded again at the same
 * moment (it saw the old row unreferenced); the new reference is committed now, so put any
 * missing file back.
 */
async function ensureFiles(call: ImageCall, ref: ImageRef, files: Uint8Array[]): Promise<void> {
  const check = checkImageFiles(ref.kind, files);
  if (!check.ok) return;
  await Promise.all(
    check.order.map(async (fileIndex, i) => {
      const key = objectKey(call.scope.merchantId, ref, ref.widths[i]!);
      if (!(await call.env.MEDIA.head(key))) await call.env.MEDIA.put(key, files[fileIndex]!, { httpMetadata: { contentType: CONTENT_TYPES[ref.type], cacheControl: IMMUTABLE } });
    }),
  );
}

async function requireDish(call: ImageCall, dishId: string) {
  const dish = await loadEditorDish(call.scope, dishId);
  if (!dish) throw notFound("Dish");
  return dish;
}

/** Sets (or, with no files, removes) a dish's photo; the old one goes when nothing else uses it. */
export async function setDishImage(call: ImageCall, dishId: string, files: Uint8Array[] | null): Promise<{ image: ImageRef | null; version: number }> {
  const dish = await requireDish(call, dishId);
  const stored = files ? await storeImage(call, "dish", files) : null;
  const image = stored?.ref ?? null;
  const version = await commit(
    call,
    [...(stored ? [stored.row] : []), call.scope.update(dishes, { image, imageUrl: null }, eq(dishes.id, dishId))],
    { bumpMenu: true, audit: { action: image ? "menu.dish_image_set" : "menu.dish_image_removed", target: dishId, data: image ? { key: image.key, widths: image.widths } : { key: dish.image?.key ?? null } } },
  );
  await announceMenuChange(call.env, call.scope.merchantId);
  if (stored && files) await ensureFiles(call, stored.ref, files);
  if (dish.image && dish.image.key !== image?.key) await collectUnusedImages(call);
  return { image, version };
}

/** Sets (or, with no files, removes) the merchant's logo or cover; an old address for that slot goes too. */
export async function setBrandingImage(call: ImageCall, slot: BrandingSlot, files: Uint8Array[] | null): Promise<{ image: ImageRef | null; version: number }> {
  const current = await call.scope.merchantRow();
  if (!current) throw notFound("Merchant");
  const stored = files ? await storeImage(call, slot, files) : null;
  const image = stored?.ref ?? null;
  const urlKey = slot === "logo" ? "logoUrl" : "coverUrl";
  const branding = mergeBranding(current.branding ?? {}, { [slot]: image, [urlKey]: null });
  const previous = current.branding?.[slot];
  const version = await commit(call, [...(stored ? [stored.row] : []), call.scope.updateMerchant({ branding }, true)], {
    audit: { action: image ? `merchant.${slot}_set` : `merchant.${slot}_removed`, target: call.scope.merchantId, data: { key: image?.key ?? previous?.key ?? null } },
  });
  if (stored && files) await ensureFiles(call, stored.ref, files);
  if (previous && previous.key !== image?.key) await collectUnusedImages(call);
  return { image, version };
}

/** The merchant's image rows (for tests and the operator): key, kind, widths, bytes. */
export function listImages(call: TenantCall) {
  return call.scope.select(images);
}

/** One image row of this merchant, or undefined. */
export function findImage(call: TenantCall, key: string) {
  return call.scope.first(images, eq(images.key, key));
}

const fromBase64 = (data: string) => Uint8Array.from(atob(data), (c) => c.charCodeAt(0));

/**
 * The dish photos of a menu document being imported (each width as base64, as the export writes
 * them): all are checked first, so a bad one refuses the import before anything is stored; then
 * each is stored like an upload. Answers each dish's picture by "<category>.<dish>" index and the
 * rows to write in the import's batch.
 */
export async function storeDocumentImages(call: ImageCall, doc: { categories: { dishes: { image?: { files: string[] } | null }[] }[] }) {
  const pending: { at: string; files: Uint8Array[] }[] = [];
  doc.categories.forEach((c, ci) =>
    c.dishes.forEach((d, di) => {
      if (!d.image) return;
      const path = `categories.${ci}.dishes.${di}.image`;
      let files: Uint8Array[];
      try {
        files = d.image.files.map(fromBase64);
      } catch {
        throw invalid("invalid_menu", `${path}: Not base64.`, { issues: [{ path, rule: "image", message: "Not base64." }] });
      }
      const checked = checkImageFiles("dish", files);
      if (!checked.ok) throw invalid(checked.issue.code, `${path}: ${checked.issue.message}`, { issues: [{ path, rule: checked.issue.code, message: checked.issue.message }] });
      pending.push({ at: `${ci}.${di}`, files });
    }),
  );
  const refs = new Map<string, ImageRef>();
  const rows = new Map<string, Statement>();
  for (const p of pending) {
    const stored = await storeImage(call, "dish", p.files);
    refs.set(p.at, stored.ref);
    rows.set(stored.ref.key, stored.row);
  }
  return { refs, rows: [...rows.values()] };
}

/** After a failed write: removes the files of these images unless a row records them (so none is left unrecorded). */
export async function discardUnrecorded(call: ImageCall, refs: Iterable<ImageRef>): Promise<void> {
  for (const ref of refs) {
    if (await findImage(call, ref.key)) continue;
    await call.env.MEDIA.delete(ref.widths.map((w) => objectKey(call.scope.merchantId, ref, w)));
  }
}
