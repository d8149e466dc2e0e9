import type { Branding } from "../db/schema";

export const DEFAULT_ACCENT = "#1f6f5c";

const channel = (v: number) => {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

const toHex = (r: number, g: number, b: number) => "#" + [r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

/**
 * The merchant's accent colour, darkened until white text on it (and it as text on white) reaches
 * WCAG AA's 4.5:1, so a pale brand colour never makes a button or link unreadable.
 */
export function accessibleAccent(input: string | undefined): string {
  let hex = input && /^#[0-9a-fA-F]{6}$/.test(input) ? input.toLowerCase() : DEFAULT_ACCENT;
  const n = Number.parseInt(hex.slice(1), 16);
  let [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  for (let i = 0; i < 40 && contrast(hex, "#ffffff") < 4.5; i++) {
    [r, g, b] = [r * 0.92, g * 0.92, b * 0.92];
    hex = toHex(r, g, b);
  }
  return hex;
}

/** A pale tint of the accent for backgrounds under dark text. */
export function softTint(accent: string, amount = 0.1): string {
  const n = Number.parseInt(accent.slice(1), 16);
  const mix = (c: number) => 255 - (255 - c) * amount;
  return toHex(mix((n >> 16) & 255), mix((n >> 8) & 255), mix(n & 255));
}

/** Only https images (or our own paths) from branding settings reach the page. */
export const safeImage = (url: string | undefined) => (url && (/^https:\/\//.test(url) || /^\/[^/]/.test(url)) ? url : undefined);

export function themeOf(branding: Branding) {
  const accent = accessibleAccent(branding.accentColor);
  return { accent, soft: softTint(accent), logo: safeImage(branding.logoUrl), cover: safeImage(branding.coverUrl) };
}
