import { describe, expect, it } from "vitest";
import { sniffImage } from "../../src/domain/images/sniff";
import { checkImageFiles } from "../../src/domain/images/rules";
import { imageAttributes } from "../../src/domain/images/srcset";
import { mediaPath, parseFileName, type ImageRef } from "../../src/domain/images/types";
import { solidPng } from "../../src/db/seed/png";

/** The first bytes of a baseline JPEG: SOI, an APP0 segment, then SOF0 with the size. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}

const riff = (chunk: string, body: number[]) => new Uint8Array([..."RIFF"].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [..."WEBP"].map((c) => c.charCodeAt(0)), [...chunk].map((c) => c.charCodeAt(0)), body));

/** WebP lossy (VP8): frame tag, start code 9d 01 2a, 14-bit width and height. */
const webpLossy = (w: number, h: number) => riff("VP8 ", [0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, w & 255, w >> 8, h & 255, h >> 8, 0, 0]);
/** WebP lossless (VP8L): signature 2f, then width-1 and height-1 in 14 bits each. */
function webpLossless(w: number, h: number) {
  const bits = (w - 1) | ((h - 1) << 14);
  return riff("VP8L", [0, 0, 0, 0, 0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >>> 24) & 255, 0, 0, 0, 0, 0]);
}
/** WebP extended (VP8X): 24-bit width-1 and height-1. */
const webpExtended = (w: number, h: number) => riff("VP8X", [10, 0, 0, 0, 0x10, 0, 0, 0, (w - 1) & 255, (w - 1) >> 8, 0, (h - 1) & 255, (h - 1) >> 8, 0]);

describe("sniffImage reads the type and size from the bytes", () => {
  it("reads PNG, JPEG and the three WebP forms", async () => {
    expect(sniffImage(await solidPng(256, 256))).toEqual({ type: "png", width: 256, height: 256 });
    expect(sniffImage(jpegHeader(960, 320))).toEqual({ type: "jpeg", width: 960, height: 320 });
    expect(sniffImage(webpLossy(512, 512))).toEqual({ type: "webp", width: 512, height: 512 });
    expect(sniffImage(webpLossless(128, 128))).toEqual({ type: "webp", width: 128, height: 128 });
    expect(sniffImage(webpExtended(1440, 480))).toEqual({ type: "webp", width: 1440, height: 480 });
  });

  it("refuses anything else: GIF, SVG text, truncated headers, a JPEG without a frame", () => {
    expect(sniffImage(new TextEncoder().encode("GIF89a\x01\x00\x01\x00"))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(jpegHeader(128, 128).subarray(0, 12))).toBeNull();
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(sniffImage(webpLossy(128, 128).subarray(0, 20))).toBeNull();
  });
});

describe("checkImageFiles", () => {
  it("accepts the kind's widths in any order and answers them ascending with the file for each", async () => {
    const r = checkImageFiles("dish", [await solidPng(512, 512), await solidPng(128, 128), await solidPng(256, 256)]);
    expect(r).toEqual({ ok: true, type: "png", widths: [128, 256, 512], width: 512, height: 512, order: [1, 2, 0] });
    expect(checkImageFiles("cover", [webpLossy(480, 160), webpLossy(960, 320)])).toMatchObject({ ok: true, widths: [480, 960], width: 960, height: 320 });
  });

  it("refuses an unknown type, a wrong width or shape, a missing smallest width, repeats and mixed types", async () => {
    const code = (r: ReturnType<typeof checkImageFiles>) => (r.ok ? "ok" : r.issue.code);
    expect(code(checkImageFiles("dish", []))).toBe("no_image");
    expect(code(checkImageFiles("dish", [new TextEncoder().encode("hello")]))).toBe("unsupported_image");
    expect(code(checkImageFiles("dish", [await solidPng(200, 200)]))).toBe("image_dimensions");
    expect(code(checkImageFiles("dish", [await solidPng(128, 96)]))).toBe("image_dimensions");
    expect(code(checkImageFiles("cover", [webpLossy(480, 480)]))).toBe("image_dimensions");
    expect(code(checkImageFiles("dish", [await solidPng(256, 256)]))).toBe("image_dimensions");
    expect(code(checkImageFiles("dish", [await solidPng(128, 128), await solidPng(128, 128)]))).toBe("image_dimensions");
    expect(code(checkImageFiles("dish", [await solidPng(128, 128), webpLossy(256, 256)]))).toBe("mixed_image_types");
    expect(code(checkImageFiles("logo", [webpLossy(96, 96), webpLossy(192, 192), webpLossy(192, 192)]))).toBe("image_dimensions");
  });

  it("refuses a file over the kind's size limit, whatever its header says", () => {
    const big = new Uint8Array(100_001);
    big.set(webpLossy(96, 96));
    const r = checkImageFiles("logo", [big]);
    expect(r.ok ? "ok" : r.issue.code).toBe("image_too_large");
    expect(r.ok ? "" : r.issue.message).toMatch(/100 kB/);
  });
});

describe("paths and attributes", () => {
  const ref: ImageRef = { key: "a".repeat(64), kind: "dish", type: "webp", widths: [128, 256, 512], width: 512, height: 512 };

  it("names each width under the merchant and parses only names of that form", () => {
    expect(mediaPath("mer_x1234", ref, 256)).toBe(`/media/mer_x1234/${"a".repeat(64)}-256.webp`);
    expect(parseFileName(`${"a".repeat(64)}-256.webp`)).toEqual({ key: "a".repeat(64), width: 256, type: "webp" });
    expect(parseFileName(`${"b".repeat(64)}-480.jpg`)).toMatchObject({ type: "jpeg" });
    expect(parseFileName("../secret-256.webp")).toBeNull();
    expect(parseFileName(`${"a".repeat(63)}-256.webp`)).toBeNull();
    expect(parseFileName(`${"a".repeat(64)}-256.gif`)).toBeNull();
  });

  it("builds src, srcset and the displayed size from the stored widths", () => {
    const a = imageAttributes("mer_x1234", ref, 88);
    expect(a.src).toBe(mediaPath("mer_x1234", ref, 128));
    expect(a.srcset.split(", ")).toEqual([128, 256, 512].map((w) => `${mediaPath("mer_x1234", ref, w)} ${w}w`));
    expect([a.width, a.height]).toEqual([88, 88]);
    const cover = imageAttributes("mer_x1234", { ...ref, kind: "cover", widths: [480, 960], width: 960, height: 320 }, 360);
    expect([cover.width, cover.height]).toEqual([360, 120]);
  });
});
