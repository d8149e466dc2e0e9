/**
 * The browser security policy, in one place for the Worker's responses (security-headers.ts) and
 * the static apps (the `_headers` file that vite.config.ts writes into the assets directory).
 * Plain data with no runtime imports, so the Vite build can load it in Node too.
 */

import type { ContentSecurityPolicyOptionHandler } from "hono/secure-headers";

/** A CSP source, or a function of the request that gives one (Hono's secure-headers calls it). */
export type Source = string | ContentSecurityPolicyOptionHandler;

/** CSP directives in Hono's secure-headers form: camelCase names, each with its sources. */
export type Directives = Record<string, Source[]>;

export interface PolicyInput {
  /** `'sha256-…'` sources for the inline scripts the server-rendered pages carry. */
  scriptHashes: string[];
  /** Extra connect-src sources, e.g. the page's own origin as ws:// or wss://. */
  connect: Source[];
  production: boolean;
}

export function cspDirectives(input: PolicyInput): Directives {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...input.scriptHashes],
    // Inline <style> blocks and style attributes carry the merchant's colours; CSS cannot run
    // code, and external stylesheets still come only from this origin.
    styleSrc: ["'self'", "'unsafe-inline'"],
    // Merchants' logos, covers and dish photos live at any https:// address.
    imgSrc: ["'self'", "data:", "https:"],
    connectSrc: ["'self'", ...input.connect],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameSrc: ["'none'"],
    frameAncestors: ["'none'"],
    ...(input.production ? { upgradeInsecureRequests: [] } : {}),
  };
}

/**
 * Powerful features no page of ours uses. A dish photo taken in the console will go through
 * `<input type="file" capture>`, which opens the phone's camera app and needs no camera permission.
 * Autoplay stays allowed: the staff board plays a sound cue for new orders.
 */
export const PERMISSIONS = { camera: [], microphone: [], geolocation: [], payment: [], usb: [] } satisfies Record<string, string[]>;

/**
 * Same-origin keeps the full address (with a table's code) inside the site, and still lets the
 * browser send the Origin header on our own writes.
 */
export const REFERRER_POLICY = "same-origin";

/** One year; no includeSubDomains, which would bind every other host of the operator's domain. */
export const HSTS = "max-age=31536000";

const kebab = (name: string) => name.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

export function serializeCsp(d: Directives): string {
  return Object.entries(d)
    .map(([name, sources]) => [kebab(name), ...sources.filter((s) => typeof s === "string")].join(" "))
    .join("; ");
}

export function serializePermissions(p: Record<string, string[]>): string {
  return Object.entries(p)
    .map(([name, allow]) => `${kebab(name)}=(${allow.join(" ")})`)
    .join(", ");
}

/**
 * The `_headers` file for the static apps (/console/, /staff/, /partner/, the guest island and
 * the hashed bundles). Static files are the same in every environment, so they carry no HSTS:
 * the Worker's responses send it in production, and a browser applies it to the whole host.
 * `'self'` in connect-src covers the page's own ws:// and wss:// origin (CSP Level 3).
 */
export function staticHeadersFile(): string {
  const headers: [string, string][] = [
    ["Content-Security-Policy", serializeCsp(cspDirectives({ scriptHashes: [], connect: [], production: false }))],
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", REFERRER_POLICY],
    ["Permissions-Policy", serializePermissions(PERMISSIONS)],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Cross-Origin-Resource-Policy", "same-origin"],
    ["Origin-Agent-Cluster", "?1"],
  ];
  return ["# Written by vite.config.ts from src/http/middleware/security-policy.ts; do not edit.", "/*", ...headers.map(([k, v]) => `  ${k}: ${v}`), ""].join("\n");
}
