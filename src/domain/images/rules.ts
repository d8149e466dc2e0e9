import { sniffImage } from "./sniff";
import { heightFor, KIND_RULES, type ImageKind, type ImageType } from "./types";

/** Why a set of files is refused; the code is what the API answers. */
export type ImageIssue =
  | { code: "no_image"; message: string }
  | { code: "unsupported_image"; message: string }
  | { code: "image_too_large"; message: string }
  | { code: "image_dimensions"; message: string }
  | { code: "mixed_image_types"; message: string };

export type CheckedImage = { ok: true; type: ImageType; widths: number[]; width: number; height: number; order: number[] } | { ok: false; issue: ImageIssue };

const fail = (code: ImageIssue["code"], message: string): CheckedImage => ({ ok: false, issue: { code, message } as ImageIssue });

/**
 * Checks the files of one upload: each a JPEG, PNG or WebP (by its bytes), within the kind's size
 * limit, of one of the kind's widths with the kind's shape (±1 px of rounding), all of one type,
 * each width once, the smallest width included. Answers the widths ascending and, in `order`,
 * which file holds each.
 */
export function checkImageFiles(kind: ImageKind, files: Uint8Array[]): CheckedImage {
  const rule = KIND_RULES[kind];
  if (files.length === 0) return fail("no_image", "Send at least one image file.");
  if (files.length > rule.widths.length) return fail("image_dimensions", `Send at most ${rule.widths.length} files for a ${kind} image.`);
  const seen = new Map<number, number>();
  let type: ImageType | undefined;
  for (const [i, bytes] of files.entries()) {
    if (bytes.length > rule.maxBytes) return fail("image_too_large", `Each ${kind} image file must be at most ${Math.floor(rule.maxBytes / 1000)} kB; this one is ${Math.ceil(bytes.length / 1000)} kB.`);
    const s = sniffImage(bytes);
    if (!s) return fail("unsupported_image", "Use a JPEG, PNG or WebP image.");
    if (type && s.type !== type) return fail("mixed_image_types", "Send every width in the same format.");
    type = s.type;
    if (!rule.widths.includes(s.width)) return fail("image_dimensions", `A ${kind} image is ${rule.widths.join(", ")} pixels wide; this one is ${s.width}.`);
    const h = heightFor(kind, s.width);
    if (Math.abs(s.height - h) > 1) return fail("image_dimensions", `A ${kind} image ${s.width} pixels wide is ${h} high; this one is ${s.height}.`);
    if (seen.has(s.width)) return fail("image_dimensions", `Send each width once (${s.width} came twice).`);
    seen.set(s.width, i);
  }
  const widths = [...seen.keys()].sort((a, b) => a - b);
  if (widths[0] !== rule.widths[0]) return fail("image_dimensions", `Include the ${rule.widths[0]} pixel wide version.`);
  const largest = widths[widths.length - 1]!;
  return { ok: true, type: type!, widths, width: largest, height: heightFor(kind, largest), order: widths.map((w) => seen.get(w)!) };
}
