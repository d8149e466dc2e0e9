import { mediaPath, type ImageRef } from "./types";

/** The `src`, `srcset`, width and height attributes of an uploaded image shown `cssWidth` pixels wide. */
export function imageAttributes(merchantId: string, ref: ImageRef, cssWidth: number) {
  const smallestFit = ref.widths.find((w) => w >= cssWidth) ?? ref.widths[ref.widths.length - 1]!;
  return {
    src: mediaPath(merchantId, ref, smallestFit),
    srcset: ref.widths.map((w) => `${mediaPath(merchantId, ref, w)} ${w}w`).join(", "),
    width: cssWidth,
    height: Math.round((cssWidth * ref.height) / ref.width),
  };
}
