import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { Env } from "../../env";
import { INLINE_SCRIPTS } from "../../pages/inline-scripts";
import { cspDirectives, HSTS, PERMISSIONS, REFERRER_POLICY } from "./security-policy";

async function sha256Source(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

/** The page's own origin for WebSockets: wss:// behind https, ws:// on a local http server. */
const socketOrigin = (c: Context) => {
  const url = new URL(c.req.url);
  return `${url.protocol === "https:" ? "wss" : "ws"}://${url.host}`;
};

function build(scriptHashes: string[], production: boolean): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: cspDirectives({ scriptHashes, connect: [socketOrigin], production }),
    xFrameOptions: "DENY",
    referrerPolicy: REFERRER_POLICY,
    strictTransportSecurity: production ? HSTS : false,
    permissionsPolicy: PERMISSIONS,
  });
}

let handlers: Promise<{ production: MiddlewareHandler; other: MiddlewareHandler }> | undefined;

/**
 * Security headers on every response of the Worker: pages, API, print sheet, 404s and errors.
 * HSTS only where APP_ENV is production (a local http server must stay reachable). WebSocket
 * upgrades pass untouched: a 101 carries no document.
 */
export const securityHeaders = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  if (c.req.header("upgrade")?.toLowerCase() === "websocket") return next();
  handlers ??= Promise.all(INLINE_SCRIPTS.map(sha256Source)).then((hashes) => ({ production: build(hashes, true), other: build(hashes, false) }));
  const h = await handlers;
  return (c.env.APP_ENV === "production" ? h.production : h.other)(c, next);
});
