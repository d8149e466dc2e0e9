import { importPrivateKey, importPublicKey, parseSignatureHeader, sign, signContent, signatureHeader, verify } from "../../../src/payments/antom/signature";
import { TEST_MERCHANT_PRIVATE_KEY, TEST_MERCHANT_PUBLIC_KEY, TEST_PROVIDER_PRIVATE_KEY } from "../fixtures/antom-openssl";

/**
 * A protocol peer for the client's tests: a `fetch` that checks our signed request the way the
 * provider does and answers with a response signed (or not) as each test crafts it.
 */

/** `path`: the path the request was signed over (below `mount`). */
export type Received = { url: string; path: string; headers: Headers; body: string; signatureValid: boolean };

export type Answer = {
  status?: number;
  body: string;
  /** Omit to send no signature at all. */
  signWith?: "provider" | "merchant";
  /** What the signature covers, when a test wants it to cover something else than what is sent. */
  signedPath?: string;
  signedBody?: string;
  clientId?: string;
  responseTime?: string;
};

/** `mount`: the path the peer is served under, not part of the signed path. */
export function peerFetch(answer: (received: Received) => Answer | Promise<Answer>, options: { mount?: string } = {}) {
  const received: Received[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = await request.text();
    const full = new URL(request.url).pathname;
    const path = options.mount && full.startsWith(`${options.mount}/`) ? full.slice(options.mount.length) : full;
    const clientId = request.headers.get("client-id") ?? "";
    const encoded = parseSignatureHeader(request.headers.get("signature"));
    const content = signContent("POST", path, clientId, request.headers.get("request-time") ?? "", body);
    const signatureValid = encoded !== null && (await verify(await importPublicKey(TEST_MERCHANT_PUBLIC_KEY), content, encoded));
    const got: Received = { url: request.url, path, headers: request.headers, body, signatureValid };
    received.push(got);

    const a = await answer(got);
    const responseClient = a.clientId ?? clientId;
    const responseTime = a.responseTime ?? "2026-12-02T04:30:00+08:00";
    const headers = new Headers({ "content-type": "application/json", "client-id": responseClient, "response-time": responseTime });
    if (a.signWith) {
      const key = await importPrivateKey(a.signWith === "provider" ? TEST_PROVIDER_PRIVATE_KEY : TEST_MERCHANT_PRIVATE_KEY);
      const signed = signContent("POST", a.signedPath ?? path, responseClient, responseTime, a.signedBody ?? a.body);
      headers.set("signature", signatureHeader(await sign(key, signed)));
    }
    return new Response(a.body, { status: a.status ?? 200, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, received };
}
