import type { Env } from "./env";

/** Used only outside production when SESSION_SIGNING_KEY is unset (tests, a first `npm start`). */
const DEV_KEY = "tableside-development-signing-key";

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The HMAC key every signed cookie and token is made with (diner cookies, table and join-request
 * tokens, known-device cookies): SESSION_SIGNING_KEY, imported once per isolate.
 */
export function signingKey(env: Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">): Promise<CryptoKey> {
  const secret = env.SESSION_SIGNING_KEY || (env.APP_ENV === "production" ? "" : DEV_KEY);
  if (!secret) throw new Error("SESSION_SIGNING_KEY is not set");
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}
