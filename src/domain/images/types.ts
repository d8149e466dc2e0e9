/**
 * Images a merchant uploads: dish photos, the logo and the cover. The console crops each to its
 * kind's shape and resizes it to some of the kind's widths before upload, so the Worker only
 * checks and stores files (no image processing at the edge).
 */
export const IMAGE_KINDS = ["dish", "logo", "cover"] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

export const IMAGE_TYPES = ["webp", "jpeg", "png"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export interface KindRule {
  /** Width divided by height. */
  aspect: number;
  /** The widths a file may have, ascending; the smallest is always sent. */
  widths: readonly number[];
  /** Largest accepted file, in bytes. */
  maxBytes: number;
}

/**
 * Dish photos are square (88 CSS px on the guest page, larger in the console); the logo is square
 * (48 px); the cover is 3:1, full width, at most a quarter of a 360×740 screen.
 */
export const KIND_RULES: Record<ImageKind, KindRule> = {
  dish: { aspect: 1, widths: [128, 256, 512], maxBytes: 300_000 },
  logo: { aspect: 1, widths: [96, 192], maxBytes: 100_000 },
  cover: { aspect: 3, widths: [480, 960, 1440], maxBytes: 500_000 },
};

/** The height a file of this kind and width must have. */
export const heightFor = (kind: ImageKind, width: number) => Math.round(width / KIND_RULES[kind].aspect);

/**
 * What a dish or the branding stores about its image: immutable for a key (the key is the
 * SHA-256 of the files), so a copy of it in a dish row never goes stale.
 */
export interface ImageRef {
  /** Hex SHA-256 over the kind and the files' own hashes. */
  key: string;
  kind: ImageKind;
  type: ImageType;
  /** The widths stored, ascending. */
  widths: number[];
  /** The largest file's size in pixels. */
  width: number;
  height: number;
}

export const EXTENSIONS: Record<ImageType, string> = { webp: "webp", jpeg: "jpg", png: "png" };
export const CONTENT_TYPES: Record<ImageType, string> = { webp: "image/webp", jpeg: "image/jpeg", png: "image/png" };

export const IMAGE_KEY = /^[0-9a-f]{64}$/;

/** The file name of one width: `<key>-<width>.<ext>`. */
export const fileName = (ref: Pick<ImageRef, "key" | "type">, width: number) => `${ref.key}-${width}.${EXTENSIONS[ref.type]}`;

/** Where the Worker serves one width of a merchant's image. */
export const mediaPath = (merchantId: string, ref: Pick<ImageRef, "key" | "type">, width: number) => `/media/${merchantId}/${fileName(ref, width)}`;

/** The R2 object key of one width; every key starts with its merchant's id. */
export const objectKey = (merchantId: string, ref: Pick<ImageRef, "key" | "type">, width: number) => `media/${merchantId}/${fileName(ref, width)}`;

/** A served file name, parsed; null for anything that is not one of ours. */
export function parseFileName(name: string): { key: string; width: number; type: ImageType } | null {
  const m = /^([0-9a-f]{64})-(\d{2,4})\.(webp|jpg|png)$/.exec(name);
  if (!m) return null;
  const type = (Object.keys(EXTENSIONS) as ImageType[]).find((t) => EXTENSIONS[t] === m[3])!;
  return { key: m[1]!, width: Number(m[2]), type };
}
