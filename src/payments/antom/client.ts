import type { z } from "zod";
import {
  cancelRequestSchema,
  cancelResponseSchema,
  inquiryPaymentRequestSchema,
  inquiryPaymentResponseSchema,
  inquiryRefundRequestSchema,
  inquiryRefundResponseSchema,
  payRequestSchema,
  payResponseSchema,
  refundRequestSchema,
  refundResponseSchema,
  responseEnvelopeSchema,
  type CancelRequest,
  type CancelResponse,
  type InquiryPaymentRequest,
  type InquiryPaymentResponse,
  type InquiryRefundRequest,
  type InquiryRefundResponse,
  type PayRequest,
  type PayResponse,
  type RefundRequest,
  type RefundResponse,
} from "./messages";
import { endpointPath, type AntomEndpoint } from "./paths";
import { importPrivateKey, importPublicKey, parseSignatureHeader, sign, signContent, signatureHeader, verify } from "./signature";

export type AntomClientOptions = {
  /** Scheme, host and any path prefix the provider (or the sandbox wallet) is served under. */
  baseUrl: string;
  clientId: string;
  /** The merchant's private key, base64 PKCS#8 DER. */
  privateKey: string;
  /** The provider's public key, base64 SPKI DER: every response must verify with it. */
  providerPublicKey: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Per request; the provider asks for at least 10 s on pay. */
  timeoutMs?: number;
};

/**
 * Why a call did not produce a verified, well-formed response. None of these says anything about
 * the payment itself: after "transport" (or a timeout) the outcome is unknown and the caller
 * inquires or retries with the same request id.
 */
export type AntomFailure =
  | { ok: false; kind: "invalid_request"; message: string }
  | { ok: false; kind: "transport"; message: string }
  | { ok: false; kind: "http"; status: number; body: string }
  | { ok: false; kind: "unverified"; reason: "missing_signature" | "bad_signature" | "client_mismatch" | "request_mismatch"; body: string }
  | { ok: false; kind: "malformed"; message: string; body: string };

/** A verified response: `result` tells the business outcome (S, F or U). `raw` is the exact body. */
export type AntomCall<T> = { ok: true; response: T; raw: string } | AntomFailure;

export interface AntomClient {
  readonly clientId: string;
  pay(request: PayRequest): Promise<AntomCall<PayResponse>>;
  inquiryPayment(request: InquiryPaymentRequest): Promise<AntomCall<InquiryPaymentResponse>>;
  cancel(request: CancelRequest): Promise<AntomCall<CancelResponse>>;
  refund(request: RefundRequest): Promise<AntomCall<RefundResponse>>;
  inquiryRefund(request: InquiryRefundRequest): Promise<AntomCall<InquiryRefundResponse>>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export function createAntomClient(options: AntomClientOptions): AntomClient {
  const { clientId, privateKey, providerPublicKey } = options;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");

  async function call<Req extends z.ZodType, Res extends z.ZodType>(
    endpoint: AntomEndpoint,
    requestSchema: Req,
    responseSchema: Res,
    request: z.input<Req>,
    ids: (request: z.output<Req>, response: z.output<Res>) => boolean,
  ): Promise<AntomCall<z.output<Res>>> {
    const checked = requestSchema.safeParse(request);
    if (!checked.success) return { ok: false, kind: "invalid_request", message: checked.error.message };

    // Signed over the endpoint path, without the base URL's own path (as the official SDKs sign:
    // a server mounted under a prefix, like the sandbox wallet, verifies over the same).
    const path = endpointPath(endpoint, clientId);
    const body = JSON.stringify(checked.data);
    const requestTime = String(now());
    const signature = await sign(await importPrivateKey(privateKey), signContent("POST", path, clientId, requestTime, body));

    let status: number;
    let raw: string;
    let headers: Headers;
    try {
      const response = await doFetch(new URL(prefix + path, base.origin).toString(), {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=UTF-8",
          "Client-Id": clientId,
          "Request-Time": requestTime,
          Signature: signatureHeader(signature),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      raw = await response.text();
    } catch (error) {
      return { ok: false, kind: "transport", message: error instanceof Error ? error.message : String(error) };
    }
    if (status !== 200) return { ok: false, kind: "http", status, body: raw };

    // Verified before anything in the body is believed; an unsigned response is never a success.
    const encoded = parseSignatureHeader(headers.get("signature"));
    const responseTime = headers.get("response-time");
    if (!encoded || !responseTime) return { ok: false, kind: "unverified", reason: "missing_signature", body: raw };
    const responder = headers.get("client-id");
    if (responder !== null && responder !== clientId) return { ok: false, kind: "unverified", reason: "client_mismatch", body: raw };
    const content = signContent("POST", path, clientId, responseTime, raw);
    if (!(await verify(await importPublicKey(providerPublicKey), content, encoded))) {
      return { ok: false, kind: "unverified", reason: "bad_signature", body: raw };
    }

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { ok: false, kind: "malformed", message: "response body is not JSON", body: raw };
    }
    if (!responseEnvelopeSchema.safeParse(json).success) return { ok: false, kind: "malformed", message: "response has no valid result", body: raw };
    const parsed = responseSchema.safeParse(json);
    if (!parsed.success) return { ok: false, kind: "malformed", message: parsed.error.message, body: raw };
    // A genuine response to another request (replayed to us) is signed too: it must name ours.
    if (!ids(checked.data, parsed.data)) return { ok: false, kind: "unverified", reason: "request_mismatch", body: raw };
    return { ok: true, response: parsed.data, raw };
  }

  return {
    clientId,
    pay: (request) => call("pay", payRequestSchema, payResponseSchema, request, (q, r) => same(q.paymentRequestId, r.paymentRequestId)),
    inquiryPayment: (request) =>
      call("inquiryPayment", inquiryPaymentRequestSchema, inquiryPaymentResponseSchema, request, (q, r) => same(q.paymentRequestId, r.paymentRequestId) && same(q.paymentId, r.paymentId)),
    cancel: (request) =>
      call("cancel", cancelRequestSchema, cancelResponseSchema, request, (q, r) => same(q.paymentRequestId, r.paymentRequestId) && same(q.paymentId, r.paymentId)),
    refund: (request) =>
      call("refund", refundRequestSchema, refundResponseSchema, request, (q, r) => same(q.refundRequestId, r.refundRequestId) && same(q.paymentId, r.paymentId)),
    inquiryRefund: (request) =>
      call("inquiryRefund", inquiryRefundRequestSchema, inquiryRefundResponseSchema, request, (q, r) => same(q.refundRequestId, r.refundRequestId) && same(q.refundId, r.refundId)),
  };
}

/** An id the response echoes must be the one we sent (absent on either side is no contradiction). */
function same(sent: string | undefined, echoed: string | undefined): boolean {
  return sent === undefined || echoed === undefined || sent === echoed;
}
