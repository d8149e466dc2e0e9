import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Env } from "../../env";
import { randomToken, sha256Hex } from "../../domain/ids";
import { signingKey } from "../../signing-key";

/**
 * "Known device" cookies: after a correct password, the browser gets a signed, HttpOnly cookie
 * for that account. Its holder is throttled on its own bucket instead of the account's and the
 * address's, so an attacker guessing the kitchen's password (from anywhere, or from the
 * restaurant's own Wi-Fi) cannot lock out the tablet that signed in to it before. The cookie only
 * proves that this browser once knew the password; it signs nobody in.
 */
export const KNOWN_DEVICE_TTL_S = 180 * 24 * 3600;
const COOKIE_PREFIX = "ts_known_";
const PATH = "/api/auth";

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
const fromHex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
/** The signed text binds the device to one account. */
const signed = (userId: string, deviceId: string) => new TextEncoder().encode(`known-device:${userId}:${deviceId}`);

/** One cookie per account, so a shared till can be a known device of several staff accounts. */
const cookieName = async (userId: string) => `${COOKIE_PREFIX}${(await sha256Hex(userId)).slice(0, 16)}`;

/** The device id of a valid known-device cookie for this account, or null. */
export async function knownDevice(c: Context, userId: string): Promise<string | null> {
  const value = getCookie(c, await cookieName(userId));
  const [deviceId, mac, extra] = value?.split(".") ?? [];
  if (!deviceId || !mac || extra !== undefined || !/^[0-9a-z]{24}$/.test(deviceId) || !/^[0-9a-f]{64}$/.test(mac)) return null;
  const ok = await crypto.subtle.verify("HMAC", await signingKey(c.env as Env), fromHex(mac), signed(userId, deviceId));
  return ok ? deviceId : null;
}

/** Marks this browser as a known device of the account (keeps its id if it already is one). */
export async function rememberDevice(c: Context, userId: string, deviceId?: string | null): Promise<void> {
  const id = deviceId ?? randomToken(24);
  const mac = hex(await crypto.subtle.sign("HMAC", await signingKey(c.env as Env), signed(userId, id)));
  setCookie(c, await cookieName(userId), `${id}.${mac}`, {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: PATH,
    maxAge: KNOWN_DEVICE_TTL_S,
  });
}
