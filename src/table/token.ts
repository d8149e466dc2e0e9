import type { Env } from "../env";
import { signingKey } from "../signing-key";

/**
 * Signed values for guests, HMAC-SHA256 with SESSION_SIGNING_KEY (WebCrypto):
 * - the diner cookie: an anonymous id for one device, kept across visits;
 * - the table token: lets that diner act in ONE table session. It names the table, the session
 *   and the diner, so a new party at the same table (a new session) cannot be reached with it.
 */
export interface TableToken {
  /** Table id: which Durable Object holds the session. */
  t: string;
  /** Session id. */
  s: string;
  /** Diner id. */
  d: string;
  /** Expiry, ms since the epoch. */
  e: number;
}

export const TOKEN_TTL_MS = 12 * 3600_000;

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromB64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function sign(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">, purpose: string, body: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await signingKey(env), new TextEncoder().encode(`${purpose}:${body}`));
  return b64url(new Uint8Array(mac));
}

async function verify(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">, purpose: string, body: string, mac: string): Promise<boolean> {
  const bytes = fromB64url(mac);
  if (!bytes) return false;
  return crypto.subtle.verify("HMAC", await signingKey(env), bytes, new TextEncoder().encode(`${purpose}:${body}`));
}

export async function signTableToken(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">, token: Omit<TableToken, "e">, now = Date.now()): Promise<string> {
  const body = b64url(new TextEncoder().encode(JSON.stringify({ ...token, e: now + TOKEN_TTL_MS })));
  return `${body}.${await sign(env, "table", body)}`;
}

export async function verifyTableToken(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">, token: string, now = Date.now()): Promise<TableToken | null> {
  if (token.length > 600) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined || !(await verify(env, "table", body, mac))) return null;
  try {
    const value = JSON.parse(new TextDecoder().decode(fromB64url(body)!)) as TableToken;
    if (typeof value.t !== "string" || typeof value.s !== "string" || typeof value.d !== "string" || typeof value.e !== "number") return null;
    return value.e > now ? value : null;
  } catch {
    return null;
  }
}

export async function signDinerCookie(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">, dinerId: string): Promise<string> {
  return `${dinerId}.${await sign(env, "diner", dinerId)}`;
}

export async function verifyDinerCookie(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">, value: string | undefined): Promise<string | null> {
  if (!value || value.length > 200) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const dinerId = value.slice(0, dot);
  if (!/^din_[0-9a-z]{20}$/.test(dinerId)) return null;
  return (await verify(env, "diner", dinerId, value.slice(dot + 1))) ? dinerId : null;
}

/**
 * A pending request to join a table session (answered 202 by /join): lets the waiting device ask
 * what became of its request, type the join code or ask staff for help. It names the table, the
 * session, the request and the diner, and grants nothing in the session itself.
 */
export interface RequestToken {
  t: string;
  s: string;
  r: string;
  d: string;
  e: number;
}

const REQUEST_TOKEN_TTL_MS = 15 * 60_000;

export async function signRequestToken(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">, token: Omit<RequestToken, "e">, now = Date.now()): Promise<string> {
  const body = b64url(new TextEncoder().encode(JSON.stringify({ ...token, e: now + REQUEST_TOKEN_TTL_MS })));
  return `${body}.${await sign(env, "join-request", body)}`;
}

export async function verifyRequestToken(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">, token: string, now = Date.now()): Promise<RequestToken | null> {
  if (token.length > 600) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined || !(await verify(env, "join-request", body, mac))) return null;
  try {
    const value = JSON.parse(new TextDecoder().decode(fromB64url(body)!)) as RequestToken;
    if (![value.t, value.s, value.r, value.d].every((x) => typeof x === "string") || typeof value.e !== "number") return null;
    return value.e > now ? value : null;
  } catch {
    return null;
  }
}
