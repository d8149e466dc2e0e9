import type { Env } from "../env";
import { signingKey } from "../signing-key";

type KeyEnv = Pick<Env, "SESSION_SIGNING_KEY" | "APP_ENV">;

/**
 * What the receipt key signs: the purpose, the merchant, the bill and, for one payment's receipt,
 * the payment (so no other token, and no bill's key, can pass as one).
 */
const content = (merchantId: string, billId: string, paymentId?: string) =>
  new TextEncoder().encode(paymentId === undefined ? `receipt\n${merchantId}\n${billId}` : `receipt\n${merchantId}\n${billId}\npayment\n${paymentId}`);

const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(text)) return null;
  try {
    return new Uint8Array([...atob(text.replace(/-/g, "+").replace(/_/g, "/"))].map((c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The receipt key `k`: HMAC-SHA256 over merchant, bill (and payment) with the Worker's signing key, base64url. */
export async function receiptKey(env: KeyEnv, merchantId: string, billId: string, paymentId?: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await signingKey(env), content(merchantId, billId, paymentId));
  return toBase64Url(new Uint8Array(mac));
}

/** Whether `k` is the receipt key of this merchant's bill, or of this payment of it (WebCrypto verify: constant time). */
export async function verifyReceiptKey(env: KeyEnv, merchantId: string, billId: string, k: string | undefined, paymentId?: string): Promise<boolean> {
  const mac = k ? fromBase64Url(k) : null;
  if (!mac) return false;
  return crypto.subtle.verify("HMAC", await signingKey(env), mac, content(merchantId, billId, paymentId));
}

/**
 * `/receipt/<merchantId>/<billId>?k=<key>` (the bill) or `/receipt/<merchantId>/<billId>/<paymentId>?k=<key>`
 * (one guest's payment of it): a guest opens it without signing in.
 */
export async function receiptPath(env: KeyEnv, merchantId: string, billId: string, paymentId?: string): Promise<string> {
  const payment = paymentId === undefined ? "" : `/${encodeURIComponent(paymentId)}`;
  return `/receipt/${encodeURIComponent(merchantId)}/${encodeURIComponent(billId)}${payment}?k=${await receiptKey(env, merchantId, billId, paymentId)}`;
}

/** The receipt link on the Worker's public origin (a path alone where PUBLIC_ORIGIN is unset). */
export async function receiptUrl(env: KeyEnv & Pick<Env, "PUBLIC_ORIGIN">, merchantId: string, billId: string, paymentId?: string): Promise<string> {
  const origin = env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).origin : "";
  return origin + (await receiptPath(env, merchantId, billId, paymentId));
}
