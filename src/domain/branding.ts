import type { Branding } from "./accounts";

/** A branding change: the keys sent change, `null` removes one, the others stay. */
export type BrandingPatch = { [K in keyof Branding]?: Branding[K] | null };

export function mergeBranding(current: Branding, patch: BrandingPatch): Branding {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next as Branding;
}
