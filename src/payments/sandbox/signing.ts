import { importPrivateKey, importPublicKey, parseSignatureHeader, sign, signatureHeader, signContent, verify } from "../antom/signature";
import type { SandboxConfig } from "./config";
import { RESULT, type Result } from "./rules";

/** Where the wallet is mounted; clients sign either the path below it or the full path. */
export const MOUNT = "/sandbox-wallet";

export type Verified = { ok: true; signedPath: string } | { ok: false; result: Result };

/**
 * Checks a request the way the provider does (A13.1): a known Client-Id, then a valid
 * signature by the merchant's key over `POST <path>\n<Client-Id>.<Request-Time>.<raw body>`.
 * The official SDKs sign the endpoint path without the base URL's own path, so with the base
 * URL `<origin>/sandbox-wallet` a client may have signed `/ams/api/v1/…` or
 * `/sandbox-wallet/ams/api/v1/…`; either is accepted, and the answer is signed over the same one.
 */
export async function verifyRequest(config: SandboxConfig, request: Request, rawBody: string): Promise<Verified> {
  const clientId = request.headers.get("client-id");
  if (clientId !== config.clientId) return { ok: false, result: RESULT.INVALID_CLIENT };
  const time = request.headers.get("request-time");
  const signature = parseSignatureHeader(request.headers.get("signature"));
  if (!time || !signature) return { ok: false, result: RESULT.INVALID_SIGNATURE };
  const url = new URL(request.url);
  const full = url.pathname + url.search;
  const candidates = full.startsWith(`${MOUNT}/`) ? [full.slice(MOUNT.length), full] : [full];
  const key = await importPublicKey(config.merchantPublicKey);
  for (const path of candidates) {
    if (await verify(key, signContent(request.method, path, clientId, time, rawBody), signature)) return { ok: true, signedPath: path };
  }
  return { ok: false, result: RESULT.INVALID_SIGNATURE };
}

/**
 * An answer signed as the provider signs its responses (A2, A13.2): headers `client-id`,
 * `response-time`, `signature` over `POST <request path>\n<client-id>.<response-time>.<body>`.
 */
export async function signedAnswer(config: SandboxConfig, signedPath: string, answer: object, now = Date.now()): Promise<Response> {
  const body = JSON.stringify(answer);
  const time = new Date(now).toISOString();
  const key = await importPrivateKey(config.privateKey);
  const signature = await sign(key, signContent("POST", signedPath, config.clientId, time, body));
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "application/json; charset=UTF-8",
      "client-id": config.clientId,
      "response-time": time,
      signature: signatureHeader(signature),
    },
  });
}
