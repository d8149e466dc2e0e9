/** The image upload calls (src/http/routes/images.ts): one `file` part per width. */
import { api, path } from "../../shared/api";
import type { ImageRefT } from "../../../src/api/images";
import { mediaPath } from "../../../src/domain/images/types";

export type ImageRef = ImageRefT;
export interface ImageResult {
  image: ImageRef | null;
  version: number;
}

export const dishImagePath = (merchantId: string, dishId: string) => path`/api/merchants/${merchantId}/menu/dishes/${dishId}/image`;
export const brandingImagePath = (merchantId: string, slot: "logo" | "cover") => path`/api/merchants/${merchantId}/branding/${slot}`;

export function uploadImage(url: string, files: Blob[]): Promise<ImageResult> {
  const form = new FormData();
  files.forEach((f, i) => form.append("file", f, `w${i}.${f.type === "image/webp" ? "webp" : "jpg"}`));
  return api<ImageResult>("PUT", url, form);
}

export const removeImage = (url: string) => api<ImageResult>("DELETE", url);

/** Where the console shows an uploaded image: the width nearest to `display` css px at 2x. */
export function imageUrl(merchantId: string, ref: ImageRef, display: number): string {
  const w = ref.widths.find((x) => x >= display * 2) ?? ref.widths[ref.widths.length - 1]!;
  return mediaPath(merchantId, ref, w);
}
