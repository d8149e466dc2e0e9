import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { merchants } from "../db/schema";
import { RESERVED_SLUGS } from "../domain/slug";

/**
 * Merchants' public links (/m/<slug>) are unique over the whole platform: a control-plane
 * question, asked of the platform database rather than of one tenant's scope.
 */
export interface SlugRegistry {
  available(slug: string): Promise<boolean>;
}

export const slugRegistry = (db: Db): SlugRegistry => ({
  async available(slug) {
    const [row] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.slug, slug)).limit(1);
    return !row;
  },
});

/** A free slug: the wanted one, or with -2, -3… appended. */
export async function freeSlug(slugs: SlugRegistry, wanted: string): Promise<string> {
  const base = wanted || "restaurant";
  for (let i = 1; i < 50; i++) {
    const candidate = i === 1 ? base : `${base.slice(0, 44)}-${i}`;
    if (!RESERVED_SLUGS.has(candidate) && (await slugs.available(candidate))) return candidate;
  }
  return `${base.slice(0, 40)}-${crypto.randomUUID().slice(0, 6)}`;
}
