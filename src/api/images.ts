import { z } from "@hono/zod-openapi";
import { IMAGE_KINDS, IMAGE_TYPES } from "../domain/images/types";

/**
 * Image shapes, declared once: the upload routes (src/http/routes/images.ts) answer them, dishes
 * and the branding carry them, the console takes its types from here.
 */
export const ImageRefSchema = z
  .object({
    key: z.string().regex(/^[0-9a-f]{64}$/),
    kind: z.enum(IMAGE_KINDS),
    type: z.enum(IMAGE_TYPES),
    widths: z.array(z.number().int()),
    width: z.number().int(),
    height: z.number().int(),
  })
  .openapi("ImageRef", { description: "An uploaded image; each width is served at /media/<merchantId>/<key>-<width>.<webp|jpg|png>." });

export const BrandingSlot = z.enum(["logo", "cover"]);

/** One width of an image inside a menu export: its bytes as base64. */
export const ImageFileData = z.string().max(1_000_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, "Not base64.");

/** A dish photo inside a menu document: the files themselves, so an import into another merchant uploads them again. */
export const DocumentImage = z
  .object({ files: z.array(ImageFileData).min(1).max(3) })
  .openapi("MenuDocumentImage", { description: "Each width of the photo as base64 (what a re-upload sends); checked like an upload." });

export const ImageResult = z.object({ image: ImageRefSchema.nullable(), version: z.number() }).openapi("ImageResult");

export type ImageRefT = z.infer<typeof ImageRefSchema>;
export type DocumentImageT = z.infer<typeof DocumentImage>;
