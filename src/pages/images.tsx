import type { Branding } from "../db/schema";
import type { ImageRef } from "../domain/images/types";
import { imageAttributes } from "../domain/images/srcset";
import { safeImage } from "./theme";

/**
 * Images on guest pages: uploaded ones get every stored width in `srcset` with the displayed size
 * in `sizes` (the phone picks the smallest sharp file), and width/height so nothing shifts while
 * they load. Addresses given before uploads existed still show, as they are.
 */

/** Dishes whose photo is on a phone's first screen load at once; the rest wait until scrolled near. */
export const EAGER_DISH_PHOTOS = 3;

/** Full width, 3:1, at most 720 px wide (the page's column) and a quarter of the screen's height (styles.ts). */
export function Cover({ merchantId, branding }: { merchantId: string; branding: Branding }) {
  if (branding.cover) {
    const a = imageAttributes(merchantId, branding.cover, 360);
    return <img class="cover" src={a.src} srcset={a.srcset} sizes="(min-width: 720px) 720px, 100vw" alt="" width={a.width} height={a.height} fetchpriority="high" />;
  }
  const url = safeImage(branding.coverUrl);
  return url ? <img class="cover" src={url} alt="" width={1200} height={400} /> : null;
}

export function Logo({ merchantId, branding }: { merchantId: string; branding: Branding }) {
  if (branding.logo) {
    const a = imageAttributes(merchantId, branding.logo, 48);
    return <img class="logo" src={a.src} srcset={a.srcset} sizes="48px" alt="" width={48} height={48} />;
  }
  const url = safeImage(branding.logoUrl);
  return url ? <img class="logo" src={url} alt="" width={48} height={48} /> : null;
}

/** A dish photo, 88 px square beside the price. */
export function DishPhoto({ merchantId, image, imageUrl, eager }: { merchantId: string; image?: ImageRef | null; imageUrl: string | null; eager: boolean }) {
  const loading = eager ? undefined : "lazy";
  if (image) {
    const a = imageAttributes(merchantId, image, 88);
    return <img class="pic" src={a.src} srcset={a.srcset} sizes="88px" alt="" width={88} height={88} loading={loading} decoding="async" />;
  }
  const url = safeImage(imageUrl ?? undefined);
  return url ? <img class="pic" src={url} alt="" width={88} height={88} loading={loading} decoding="async" /> : null;
}
