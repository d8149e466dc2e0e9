/**
 * The Antom (Alipay+ AMS) signature scheme, for requests, responses and notifications alike
 * (payments-protocol.md A3): RSA-SHA256 PKCS#1 v1.5 over
 * `<METHOD> <path>\n<client id>.<time>.<raw body>`, base64 then URL-encoded.
 */

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

export function signContent(method: string, path: string, clientId: string, time: string, body: string): string {
  return `${method} ${path}\n${clientId}.${time}.${body}`;
}

const privateKeys = new Map<string, Promise<CryptoKey>>();
const publicKeys = new Map<string, Promise<CryptoKey>>();

/** The merchant's (or, for the sandbox, the wallet's) private key: base64 PKCS#8 DER. */
export function importPrivateKey(b64Pkcs8: string): Promise<CryptoKey> {
  return cachedImport(privateKeys, b64Pkcs8, (der) => crypto.subtle.importKey("pkcs8", der, ALGORITHM, false, ["sign"]));
}

/** The peer's public key: base64 X.509 SubjectPublicKeyInfo DER. */
export function importPublicKey(b64Spki: string): Promise<CryptoKey> {
  return cachedImport(publicKeys, b64Spki, (der) => crypto.subtle.importKey("spki", der, ALGORITHM, false, ["verify"]));
}

function cachedImport(cache: Map<string, Promise<CryptoKey>>, b64: string, load: (der: Uint8Array<ArrayBuffer>) => Promise<CryptoKey>) {
  let key = cache.get(b64);
  if (!key) {
    key = Promise.resolve()
      .then(() => load(base64ToBytes(stripPem(b64))))
      .catch((error: unknown) => {
        cache.delete(b64); // a bad key must not stay cached as a rejection
        throw new Error(`invalid RSA key: ${error instanceof Error ? error.message : String(error)}`);
      });
    cache.set(b64, key);
  }
  return key;
}

/** Signs `content` (UTF-8) and returns the base64 signature, URL-encoded for the Signature header. */
export async function sign(key: CryptoKey, content: string): Promise<string> {
  const signature = await crypto.subtle.sign(ALGORITHM, key, new TextEncoder().encode(content));
  return encodeURIComponent(bytesToBase64(new Uint8Array(signature)));
}

/** True only if `encodedSignature` (URL-encoded base64) is a valid signature of `content`; never throws. */
export async function verify(key: CryptoKey, content: string, encodedSignature: string): Promise<boolean> {
  try {
    const bytes = base64ToBytes(decodeURIComponent(encodedSignature.trim()));
    if (bytes.length === 0) return false;
    return await crypto.subtle.verify(ALGORITHM, key, bytes, new TextEncoder().encode(content));
  } catch {
    return false;
  }
}

export function signatureHeader(encodedSignature: string, keyVersion = 1): string {
  return `algorithm=RSA256,keyVersion=${keyVersion},signature=${encodedSignature}`;
}

/**
 * The signature value of a Signature header (`algorithm=RSA256,keyVersion=1,signature=<enc>`, the
 * docs also show spaces after the commas), or null when there is none. The URL-encoded value
 * holds no comma, so splitting on commas is safe.
 */
export function parseSignatureHeader(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim().toLowerCase() !== "signature") continue;
    const value = part.slice(eq + 1).trim();
    return value || null;
  }
  return null;
}

function stripPem(key: string): string {
  return key.replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/\s+/g, "");
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64); // throws on anything that is not base64
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
