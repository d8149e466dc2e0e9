import { importPrivateKey, sign, signatureHeader, signContent } from "../antom/signature";
import type { SandboxConfig } from "./config";
import type { FetchLike } from "./loopback";
import { isAck } from "./rules";

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Builds a notification POST signed like a request (A3, A10): over
 * `POST <path of the notify URL>\n<client-id>.<Request-Time>.<body>` with the wallet's key.
 */
export async function signedNotification(config: SandboxConfig, url: string, body: string, now = Date.now()): Promise<Request> {
  const target = new URL(url);
  const time = new Date(now).toISOString();
  const key = await importPrivateKey(config.privateKey);
  const signature = await sign(key, signContent("POST", target.pathname + target.search, config.clientId, time, body));
  return new Request(target, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=UTF-8",
      "client-id": config.clientId,
      "request-time": time,
      signature: signatureHeader(signature),
    },
    body,
  });
}

/** One delivery attempt: acknowledged (HTTP 200 with result S), or why not. Never throws. */
export async function deliver(transport: FetchLike, config: SandboxConfig, url: string, body: string): Promise<{ acked: true } | { acked: false; error: string }> {
  try {
    const request = await signedNotification(config, url, body);
    const res = await Promise.race([
      transport(request),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), DELIVERY_TIMEOUT_MS)),
    ]);
    const text = await res.text();
    if (isAck(res.status, text)) return { acked: true };
    return { acked: false, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
  } catch (error) {
    return { acked: false, error: error instanceof Error ? error.message : String(error) };
  }
}
