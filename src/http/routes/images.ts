import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, IdParam, jsonOk } from "../schemas";
import { MANAGERS, OWNERS, requireMerchant } from "../middleware/tenant";
import { callOf } from "../actor";
import { ApiError, badRequest } from "../errors";
import { BrandingSlot, ImageResult } from "../../api/images";
import { CONTENT_TYPES, KIND_RULES, parseFileName } from "../../domain/images/types";
import { IMMUTABLE, setBrandingImage, setDishImage, type ImageCall } from "../../services/images";

/** A whole upload: every width of the largest kind at its limit, plus the form's own bytes. */
const MAX_UPLOAD_BYTES = KIND_RULES.cover.maxBytes * KIND_RULES.cover.widths.length + 64_000;

const security = [{ session: [] }];
const tags = ["images"];
const uploadDescription =
  "The body is `multipart/form-data` with one `file` part per width (the console crops and resizes in the browser). " +
  "Each file must be a JPEG, PNG or WebP (read from its bytes) of one of the kind's widths and shape — dish 128/256/512 px square, " +
  "logo 96/192 px square, cover 480/960/1440 × 160/320/480 px — the smallest width included, all in one format, within the kind's size limit. " +
  "The previous image is removed when nothing else uses it.";

const imageCall = (c: Context<AppEnv>): ImageCall => callOf(c);

/** The `file` parts of a multipart upload, as bytes; a clear refusal for anything else. */
async function uploadedFiles(c: Context<AppEnv>): Promise<Uint8Array[]> {
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > MAX_UPLOAD_BYTES) throw new ApiError(413, "upload_too_large", `An upload is at most ${Math.floor(MAX_UPLOAD_BYTES / 1000)} kB.`);
  if (!/^multipart\/form-data/i.test(c.req.header("content-type") ?? "")) throw badRequest("invalid_request", "Send the image as multipart/form-data with one `file` part per width.");
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch {
    throw badRequest("invalid_request", "The multipart body could not be read.");
  }
  const parts = form.getAll("file").filter((p): p is File => typeof p !== "string");
  if (!parts.length) throw badRequest("no_image", "Send at least one `file` part.");
  const files = await Promise.all(parts.map(async (p) => new Uint8Array(await p.arrayBuffer())));
  if (files.reduce((n, f) => n + f.length, 0) > MAX_UPLOAD_BYTES) throw new ApiError(413, "upload_too_large", `An upload is at most ${Math.floor(MAX_UPLOAD_BYTES / 1000)} kB.`);
  return files;
}

export const imageRoutes = createRouter();

const dishParams = z.object({ merchantId: IdParam("merchantId"), dishId: IdParam("dishId") });
const slotParams = z.object({ merchantId: IdParam("merchantId"), slot: BrandingSlot.openapi({ param: { name: "slot", in: "path" } }) });
const result = { 200: jsonOk(ImageResult), ...errors, 413: errors[400] };

imageRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{merchantId}/menu/dishes/{dishId}/image",
    tags,
    security,
    summary: "Upload a dish's photo (replaces the one it has)",
    description: uploadDescription,
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: dishParams },
    responses: result,
  }),
  async (c) => c.json(await setDishImage(imageCall(c), c.req.valid("param").dishId, await uploadedFiles(c)), 200),
);

imageRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/menu/dishes/{dishId}/image",
    tags,
    security,
    summary: "Remove a dish's photo",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: dishParams },
    responses: result,
  }),
  async (c) => c.json(await setDishImage(imageCall(c), c.req.valid("param").dishId, null), 200),
);

imageRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{merchantId}/branding/{slot}",
    tags,
    security,
    summary: "Upload the restaurant's logo or cover (replaces the one it has, and any old address)",
    description: uploadDescription,
    middleware: [requireMerchant(OWNERS)] as const,
    request: { params: slotParams },
    responses: result,
  }),
  async (c) => c.json(await setBrandingImage(imageCall(c), c.req.valid("param").slot, await uploadedFiles(c)), 200),
);

imageRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/branding/{slot}",
    tags,
    security,
    summary: "Remove the restaurant's logo or cover",
    middleware: [requireMerchant(OWNERS)] as const,
    request: { params: slotParams },
    responses: result,
  }),
  async (c) => c.json(await setBrandingImage(imageCall(c), c.req.valid("param").slot, null), 200),
);

/**
 * GET /media/<merchantId>/<key>-<width>.<ext>: a file from the bucket, cached for a year (its
 * name is its content) with the Cache API in front, so a repeat request in a data centre never
 * reaches R2. Merchant ids and file names are checked before anything is looked up.
 */
export const mediaRoutes = new Hono<AppEnv>();

const edgeCache = (): Cache | null => (typeof caches === "undefined" ? null : (caches as unknown as { default: Cache }).default);

mediaRoutes.get("/:merchantId/:file", async (c) => {
  const merchantId = c.req.param("merchantId");
  const file = parseFileName(c.req.param("file"));
  if (!file || !/^[a-z]{2,6}_[0-9a-z_]{3,60}$/.test(merchantId)) return c.text("Not found", 404);
  const cacheKey = new Request(new URL(c.req.path, c.req.url).toString());
  const cache = edgeCache();
  const hit = await cache?.match(cacheKey);
  if (hit) return new Response(hit.body, hit);
  const object = await c.env.MEDIA.get(`media/${merchantId}/${c.req.param("file")}`);
  if (!object) return c.text("Not found", 404, { "cache-control": "no-store" });
  const headers = new Headers({
    "content-type": CONTENT_TYPES[file.type],
    "content-length": String(object.size),
    "cache-control": IMMUTABLE,
    etag: object.httpEtag,
  });
  const body = await object.arrayBuffer();
  if (cache) c.executionCtx.waitUntil(cache.put(cacheKey, new Response(body, { headers })));
  return new Response(body, { headers });
});
