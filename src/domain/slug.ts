/** "Café du Marché!" -> "cafe-du-marche". Empty when nothing usable is left. */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/** Paths under /m/ and /api/ that a merchant slug must not take. */
export const RESERVED_SLUGS = new Set(["api", "admin", "console", "staff", "partner", "q", "m", "assets", "static", "healthz", "www"]);
