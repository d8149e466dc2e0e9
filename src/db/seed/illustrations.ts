/**
 * The demo restaurant's pictures, drawn here (nothing can be downloaded): flat illustrations of a
 * plate, bowl or glass seen from above, in each dish's colours, at any size, encoded as PNG.
 * Flat colour keeps each file small (a few kB) while looking like a photo menu at a glance.
 */
import { encodePng } from "./png";

type Rgb = [number, number, number];

/** A shape in unit coordinates (0…1 of the picture's height); `r` is a radius. */
type Shape =
  | { kind: "circle"; x: number; y: number; r: number; color: Rgb }
  | { kind: "ring"; x: number; y: number; r: number; width: number; color: Rgb }
  | { kind: "rect"; x: number; y: number; w: number; h: number; color: Rgb };

export interface Illustration {
  background: Rgb;
  shapes: Shape[];
}

const hex = (h: string): Rgb => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** Coverage of a pixel by a shape, 0…1, with a one-pixel soft edge. */
function coverage(s: Shape, px: number, py: number, scale: number): number {
  const edge = (d: number) => Math.max(0, Math.min(1, 0.5 - d * scale));
  if (s.kind === "circle") return edge(Math.hypot(px - s.x, py - s.y) - s.r);
  if (s.kind === "ring") return edge(Math.abs(Math.hypot(px - s.x, py - s.y) - s.r) - s.width / 2);
  const dx = Math.max(s.x - px, px - (s.x + s.w));
  const dy = Math.max(s.y - py, py - (s.y + s.h));
  return edge(Math.max(dx, dy));
}

/** Draws an illustration `width` × `height` pixels; x runs 0…aspect, y 0…1. */
export function draw(ill: Illustration, width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  const scale = height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const px = (x + 0.5) / scale;
      const py = (y + 0.5) / scale;
      let [r, g, b] = ill.background;
      for (const s of ill.shapes) {
        const a = coverage(s, px, py, scale);
        if (a <= 0) continue;
        r += (s.color[0] - r) * a;
        g += (s.color[1] - g) * a;
        b += (s.color[2] - b) * a;
      }
      // Quantised to steps of 4: flat areas stay flat, and the PNG stays small.
      const i = (y * width + x) * 3;
      rgb[i] = Math.min(255, Math.round(r / 4) * 4);
      rgb[i + 1] = Math.min(255, Math.round(g / 4) * 4);
      rgb[i + 2] = Math.min(255, Math.round(b / 4) * 4);
    }
  }
  return rgb;
}

export const drawPng = (ill: Illustration, width: number, height: number) => encodePng(width, height, draw(ill, width, height));

/** A pseudo-random sequence fixed by a seed, so the same dish always gets the same picture. */
function random(seed: string) {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

/** A dish seen from above: table colour, plate or bowl, the food, a few garnish dots. */
export function dishIllustration(seed: string, palette: { table: string; food: string; garnish: string; vessel?: "plate" | "bowl" | "glass" }): Illustration {
  const rnd = random(seed);
  const vessel = palette.vessel ?? "plate";
  const food = hex(palette.food);
  const garnish = hex(palette.garnish);
  const shapes: Shape[] = [{ kind: "circle", x: 0.53, y: 0.54, r: 0.42, color: [0, 0, 0].map((c, i) => Math.round(hex(palette.table)[i]! * 0.8)) as Rgb }];
  if (vessel === "glass") {
    shapes.push({ kind: "circle", x: 0.5, y: 0.5, r: 0.34, color: [236, 240, 242] }, { kind: "circle", x: 0.5, y: 0.5, r: 0.29, color: food });
    shapes.push({ kind: "ring", x: 0.5, y: 0.5, r: 0.2, width: 0.03, color: garnish }, { kind: "rect", x: 0.62, y: 0.1, w: 0.05, h: 0.35, color: [250, 250, 250] });
  } else {
    shapes.push({ kind: "circle", x: 0.5, y: 0.5, r: 0.42, color: vessel === "bowl" ? [250, 246, 238] : [246, 246, 242] });
    shapes.push({ kind: "ring", x: 0.5, y: 0.5, r: 0.36, width: 0.015, color: [214, 208, 196] });
    shapes.push({ kind: "circle", x: 0.5, y: 0.5, r: vessel === "bowl" ? 0.31 : 0.26, color: food });
    for (let i = 0; i < 7; i++) {
      const a = rnd() * Math.PI * 2;
      const d = rnd() * 0.2;
      shapes.push({ kind: "circle", x: 0.5 + Math.cos(a) * d, y: 0.5 + Math.sin(a) * d, r: 0.03 + rnd() * 0.04, color: i % 3 === 2 ? food.map((c) => Math.min(255, c + 40)) as Rgb : garnish });
    }
  }
  return { background: hex(palette.table), shapes };
}

/** The demo's cover: a wide table top with a row of plates and bowls. */
export function coverIllustration(): Illustration {
  const shapes: Shape[] = [];
  const foods = ["#c0392b", "#e5a34a", "#5b8c3a", "#8e5a2b", "#d9c27a"];
  foods.forEach((f, i) => {
    const x = 0.35 + i * 0.58;
    const y = i % 2 ? 0.42 : 0.58;
    shapes.push({ kind: "circle", x, y, r: 0.3, color: [246, 244, 238] }, { kind: "circle", x, y, r: 0.2, color: hex(f) });
  });
  shapes.push({ kind: "rect", x: 0, y: 0.9, w: 3, h: 0.1, color: [24, 96, 78] });
  return { background: [52, 44, 38], shapes };
}

/** The demo's logo: a green disc with a white bowl. */
export function logoIllustration(): Illustration {
  return {
    background: [31, 111, 92],
    shapes: [
      { kind: "circle", x: 0.5, y: 0.55, r: 0.3, color: [255, 255, 255] },
      { kind: "rect", x: 0.15, y: 0.3, w: 0.7, h: 0.25, color: [31, 111, 92] },
      { kind: "rect", x: 0.44, y: 0.12, w: 0.04, h: 0.2, color: [255, 255, 255] },
      { kind: "rect", x: 0.54, y: 0.12, w: 0.04, h: 0.2, color: [255, 255, 255] },
    ],
  };
}
