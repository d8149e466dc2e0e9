/**
 * Guest page caching with the Cache API (per data centre, no purge needed):
 *
 * - `page` entries hold rendered HTML keyed by merchant + store + menu version + language, so a
 *   menu edit (which bumps the version) makes every old page unreachable at once.
 * - Small `pointer` entries map a table code or a slug to its merchant, and a merchant to its
 *   current menu version, status and stores, so a repeat visit needs no D1 query at all. Menu
 *   edits and code rotations delete the pointers they change in this data centre right away;
 *   elsewhere a pointer lives at most `POINTER_TTL_S` seconds.
 */
const ORIGIN = "https://guest-cache.tableside.internal";

/** How long a pointer may be served in another data centre after a change. */
export const POINTER_TTL_S = 20;

export const merchantKey = (merchantId: string) => `${ORIGIN}/merchant/${encodeURIComponent(merchantId)}`;
export const codeKey = (code: string) => `${ORIGIN}/code/${encodeURIComponent(code)}`;
export const slugKey = (slug: string) => `${ORIGIN}/slug/${encodeURIComponent(slug)}`;

export interface PageKey {
  merchantId: string;
  storeId: string;
  version: number;
  lang: string;
  kind: "table" | "restaurant";
}

export const pageKey = (k: PageKey) =>
  `${ORIGIN}/page/${encodeURIComponent(k.merchantId)}/${encodeURIComponent(k.storeId)}/v${k.version}/${encodeURIComponent(k.lang)}/${k.kind}`;

const cache = (): Cache | null => (typeof caches === "undefined" ? null : (caches as unknown as { default: Cache }).default);

export async function getJson<T>(key: string): Promise<T | null> {
  const hit = await cache()?.match(key);
  return hit ? ((await hit.json()) as T) : null;
}

export async function putJson(key: string, value: unknown, ttlSeconds = POINTER_TTL_S): Promise<void> {
  await cache()?.put(
    key,
    new Response(JSON.stringify(value), { headers: { "content-type": "application/json", "cache-control": `max-age=${ttlSeconds}` } }),
  );
}

export async function forget(...keys: string[]): Promise<void> {
  const c = cache();
  if (c) await Promise.all(keys.map((k) => c.delete(k)));
}

/** After a menu edit or a change to the merchant or its stores: the next page view re-reads D1. */
export const forgetMerchant = (merchantId: string) => forget(merchantKey(merchantId));
/** After a merchant's public link changed: the old one stops answering here at once. */
export const forgetSlug = (slug: string) => forget(slugKey(slug));
/** After a table is renamed, deleted or its code rotated. */
export const forgetTableCode = (code: string) => forget(codeKey(code));
