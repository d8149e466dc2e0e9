/**
 * Turns a photo from the phone or the laptop into what the Worker accepts: cropped in the middle
 * to the kind's shape, resized to the kind's widths (those the photo is large enough for, the
 * smallest always), encoded as WebP, or JPEG where the browser's canvas cannot write WebP.
 */
import { heightFor, KIND_RULES, type ImageKind } from "../../../src/domain/images/types";

export interface PreparedImage {
  files: Blob[];
  type: "image/webp" | "image/jpeg";
  /** A data: URL of the smallest width that is at least 256 px wide (the console's CSP allows data: images). */
  preview: string;
}

export class PrepareError extends Error {}

async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new PrepareError("This file is not a picture the browser can open. Use a JPEG, PNG or WebP photo.");
  }
}

function encode(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((done) => canvas.toBlob(done, type, quality));
}

const dataUrl = (blob: Blob) =>
  new Promise<string>((done, fail) => {
    const r = new FileReader();
    r.onload = () => done(String(r.result));
    r.onerror = () => fail(r.error);
    r.readAsDataURL(blob);
  });

export async function prepareImage(file: Blob, kind: ImageKind): Promise<PreparedImage> {
  if (file.type && !file.type.startsWith("image/")) throw new PrepareError("Choose a picture (JPEG, PNG, WebP or a phone photo).");
  const bitmap = await decode(file);
  const rule = KIND_RULES[kind];
  // The largest centred crop with the kind's shape.
  const cropW = Math.min(bitmap.width, bitmap.height * rule.aspect);
  const cropH = cropW / rule.aspect;
  const sx = (bitmap.width - cropW) / 2;
  const sy = (bitmap.height - cropH) / 2;
  const widths = rule.widths.filter((w, i) => i === 0 || w <= cropW);
  let type: PreparedImage["type"] = "image/webp";
  const files: Blob[] = [];
  for (const width of widths) {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = heightFor(kind, width);
    const g = canvas.getContext("2d");
    if (!g) throw new PrepareError("This browser cannot resize pictures.");
    g.imageSmoothingQuality = "high";
    g.drawImage(bitmap, sx, sy, cropW, cropH, 0, 0, canvas.width, canvas.height);
    let blob: Blob | null = null;
    for (const quality of [0.82, 0.7, 0.55]) {
      blob = await encode(canvas, type, quality);
      // A canvas that cannot write WebP hands back a PNG: use JPEG for every width instead.
      if (blob && type === "image/webp" && blob.type !== "image/webp") {
        type = "image/jpeg";
        blob = await encode(canvas, type, quality);
      }
      if (blob && blob.size <= rule.maxBytes) break;
    }
    if (!blob || blob.size > rule.maxBytes) throw new PrepareError("This picture stays too large even when compressed; try another one.");
    files.push(blob);
  }
  bitmap.close();
  const previewIndex = Math.max(0, widths.findIndex((w) => w >= 256));
  return { files, type, preview: await dataUrl(files[previewIndex] ?? files[0]!) };
}
