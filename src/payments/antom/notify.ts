import { notificationSchema, type AntomNotification } from "./messages";
import { importPublicKey, parseSignatureHeader, signContent, verify } from "./signature";

/**
 * Verifying the provider's notifyPayment / notifyRefund POSTs (payments-protocol.md A3, A10)
 * and the unsigned acknowledgement it expects.
 */

export type NotifyRejection = "missing_signature" | "bad_signature" | "stale" | "client_mismatch" | "malformed";

export type NotifyVerification =
  | { ok: true; notification: AntomNotification; requestTime: string; requestTimeMs: number }
  | { ok: false; reason: NotifyRejection; detail: string };

export type NotifyInput = {
  /** The request's path (and query, if any) as received, no host: see requestPathOf. */
  path: string;
  headers: Pick<Headers, "get">;
  /** The exact raw body. */
  body: string;
  /** The provider's public key, base64 SPKI DER. */
  providerPublicKey: string;
  expectedClientId: string;
  /** Epoch ms. */
  now: number;
  /** How far Request-Time may be from now, either way. */
  maxSkewMs: number;
};

/** The path a notification is signed over: URI path plus query, no host. */
export function requestPathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

export async function verifyNotification(input: NotifyInput): Promise<NotifyVerification> {
  const encoded = parseSignatureHeader(input.headers.get("signature"));
  const requestTime = input.headers.get("request-time");
  if (!encoded || !requestTime) return reject("missing_signature", "no Signature or Request-Time header");

  const clientId = input.headers.get("client-id");
  if (clientId !== input.expectedClientId) return reject("client_mismatch", `client-id ${JSON.stringify(clientId)}`);

  // The Request-Time header is signed verbatim, whatever its format.
  const content = signContent("POST", input.path, clientId, requestTime, input.body);
  if (!(await verify(await importPublicKey(input.providerPublicKey), content, encoded))) {
    return reject("bad_signature", "signature does not verify with the provider key");
  }

  const requestTimeMs = parseRequestTime(requestTime);
  if (requestTimeMs === null) return reject("malformed", `unreadable Request-Time ${JSON.stringify(requestTime)}`);
  if (Math.abs(input.now - requestTimeMs) > input.maxSkewMs) return reject("stale", `Request-Time ${requestTime} is outside ±${input.maxSkewMs} ms`);

  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    return reject("malformed", "body is not JSON");
  }
  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success) return reject("malformed", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return { ok: true, notification: parsed.data, requestTime, requestTimeMs };
}

function reject(reason: NotifyRejection, detail: string): NotifyVerification {
  return { ok: false, reason, detail };
}

const EPOCH_MS = /^[0-9]{1,16}$/;
/** ISO-8601 with a zone (Z or ±hh:mm); a time without one would be read in an unknown zone. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Request-Time as epoch ms: the new SDKs send epoch ms, older ones and the docs ISO-8601. */
export function parseRequestTime(value: string): number | null {
  if (EPOCH_MS.test(value)) return Number(value);
  if (!ISO_8601.test(value)) return null;
  // JavaScript dates hold milliseconds: cut longer fractions to three digits.
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, "$1"));
  return Number.isNaN(ms) ? null : ms;
}

/** The acknowledgement that stops the provider's retries (HTTP 200, JSON, unsigned). */
export function ackBody(): string {
  return JSON.stringify({ result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" } });
}

/** A refusal: anything but an S result makes the provider send the notification again later. */
export function failureAckBody(resultCode = "PROCESS_FAIL", resultMessage = "notification not accepted"): string {
  return JSON.stringify({ result: { resultCode, resultStatus: "F", resultMessage } });
}

/** The answer to a notification, with the headers the docs show on it (`client-id`, `response-time`). */
export function ackResponse(body: string, options: { clientId: string; now: number; status?: number }): Response {
  return new Response(body, {
    status: options.status ?? 200,
    headers: {
      "Content-Type": "application/json; charset=UTF-8",
      "client-id": options.clientId,
      "response-time": new Date(options.now).toISOString(),
    },
  });
}
