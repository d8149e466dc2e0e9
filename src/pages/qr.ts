import { renderSVG } from "uqr";

/** The URL a table's QR code encodes. */
export const tableUrl = (origin: string, code: string) => `${origin}/q/${code}`;

/**
 * A table's QR code as SVG (uqr, error correction M: survives a smudge or a small logo sticker).
 * Scales to any size through its viewBox; `label` becomes its accessible name.
 */
export function tableQrSvg(url: string, label: string): string {
  const svg = renderSVG(url, { ecc: "M", border: 2 });
  return svg.replace("<svg ", `<svg role="img" aria-label="${escapeAttr(label)}" `);
}

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
