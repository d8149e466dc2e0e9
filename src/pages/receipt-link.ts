import type { Env } from "../env";
import { signingKey } from "../signing-key";

type KeyEnv = Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">;

/** What the receipt key signs: the purpose, the merchant and the bill (so no other token can pass as one). */
const content = (merchantId: string, billId: string) => new TextEncoder().encode(`receipt\n${merchantId}\n${billId}`);

const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(text)) return null;
  try {
    return new Uint8Array([...atob(text.replace(/-/g, "+").replace(/_/g, "/"))].map((c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The receipt key `k`: HMAC-SHA256 over merchant and bill with the Worker's signing key, base64url. */
export async function receiptKey(env: KeyEnv, merchantId: string, billId: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await signingKey(env), content(merchantId, billId));
  return toBase64Url(new Uint8Array(mac));
}

/** Whether `k` is the receipt key of this merchant's bill (WebCrypto verify: constant time). */
export async function verifyReceiptKey(env: KeyEnv, merchantId: string, billId: string, k: string | undefined): Promise<boolean> {
  const mac = k ? fromBase64Url(k) : null;
  if (!mac) return false;
  return crypto.subtle.verify("HMAC", await signingKey(env), mac, content(merchantId, billId));
}

/** `/receipt/<merchantId>/<billId>?k=<key>`: a guest opens it without signing in. */
export async function receiptPath(env: KeyEnv, merchantId: string, billId: string): Promise<string> {
  return `/receipt/${encodeURIComponent(merchantId)}/${encodeURIComponent(billId)}?k=${await receiptKey(env, merchantId, billId)}`;
}

/** The receipt link on the Worker's public origin (a path alone where PUBLIC_ORIGIN is unset). */
export async function receiptUrl(env: KeyEnv & Pick<Env, "PUBLIC_ORIGIN">, merchantId: string, billId: string): Promise<string> {
  const origin = env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).origin : "";
  return origin + (await receiptPath(env, merchantId, billId));
}
