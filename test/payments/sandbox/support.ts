import { env, exports } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { endpointPath, type AntomEndpoint } from "../../../src/payments/antom/paths";
import { importPrivateKey, importPublicKey, parseSignatureHeader, sign, signatureHeader, signContent, verify } from "../../../src/payments/antom/signature";
import type { SandboxWallet } from "../../../src/payments/sandbox/wallet-object";

export const ORIGIN = "https://t.test";
export const NOTIFY_URL = `${ORIGIN}/api/payments/antom/notify`;
export const RETURN_URL = `${ORIGIN}/q/TESTCODE/paid`;

export interface Answer<T = Record<string, any>> {
  status: number;
  body: T & { result: { resultCode: string; resultStatus: "S" | "F" | "U"; resultMessage: string } };
  raw: string;
  headers: Headers;
  /** The answer's signature verified with the wallet's public key over the path the request was signed on. */
  signed: boolean;
}

interface CallOptions {
  /** Override the signed path (default: the SDK form for our SANDBOX_ client id, below the base URL). */
  signPath?: string;
  /** Override the request URL's path below the origin. */
  urlPath?: string;
  clientId?: string;
  time?: string;
  /** Sign this instead of the body sent (a tampered request). */
  signBody?: string;
  privateKey?: string;
  signature?: string | null;
}

/** A protocol request to the sandbox, signed as our client signs it, answered through the Worker. */
export async function call<T = Record<string, any>>(endpoint: AntomEndpoint | string, body: unknown, o: CallOptions = {}): Promise<Answer<T>> {
  const clientId = o.clientId ?? env.ANTOM_CLIENT_ID!;
  const path = endpoint.startsWith("/") ? endpoint : endpointPath(endpoint as AntomEndpoint, env.ANTOM_CLIENT_ID!);
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const time = o.time ?? String(Date.now());
  const signPath = o.signPath ?? path;
  const key = await importPrivateKey(o.privateKey ?? env.ANTOM_MERCHANT_PRIVATE_KEY!);
  const signature = o.signature === undefined ? await sign(key, signContent("POST", signPath, clientId, time, o.signBody ?? raw)) : o.signature;
  const headers: Record<string, string> = { "content-type": "application/json; charset=UTF-8", "client-id": clientId, "request-time": time };
  if (signature !== null) headers.signature = signatureHeader(signature);
  const res = await exports.default.fetch(`${ORIGIN}${o.urlPath ?? `/sandbox-wallet${path}`}`, { method: "POST", headers, body: raw });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), raw: text, headers: res.headers, signed: await answerSigned(res.headers, signPath, text) };
}

export async function answerSigned(headers: Headers, path: string, raw: string): Promise<boolean> {
  const sig = parseSignatureHeader(headers.get("signature"));
  const time = headers.get("response-time");
  const clientId = headers.get("client-id");
  if (!sig || !time || !clientId) return false;
  return verify(await importPublicKey(env.ANTOM_PUBLIC_KEY!), signContent("POST", path, clientId, time, raw), sig);
}

let counter = 0;
export const uniqueId = (prefix: string) => `${prefix}_${Date.now()}_${++counter}`;

export function cashierPay(overrides: Record<string, unknown> = {}) {
  const id = uniqueId("pay");
  return {
    productCode: "CASHIER_PAYMENT",
    paymentRequestId: id,
    order: {
      referenceOrderId: `bill_${id}`,
      orderDescription: "Table 4 · 2 dishes",
      orderAmount: { currency: "EUR", value: "2450" },
      merchant: { referenceMerchantId: "m_demo", merchantName: "Demo Bistro" },
    },
    paymentAmount: { currency: "EUR", value: "2450" },
    paymentMethod: { paymentMethodType: "CONNECT_WALLET" },
    paymentRedirectUrl: RETURN_URL,
    paymentNotifyUrl: NOTIFY_URL,
    settlementStrategy: { settlementCurrency: "EUR" },
    env: { terminalType: "WAP" },
    ...overrides,
  };
}

export function orderCodePay(overrides: Record<string, unknown> = {}) {
  const { paymentRedirectUrl: _, productCode: __, ...rest } = cashierPay();
  return { ...rest, productCode: "IN_STORE_PAYMENT", paymentFactor: { inStorePaymentScenario: "OrderCode" }, ...overrides };
}

export const wallet = () => env.SANDBOX_WALLET.getByName("wallet");

/** The guest's choice on the wallet page, posted as the page's form does. */
export function choose(paymentId: string, choice: "approve" | "decline", origin = ORIGIN) {
  return exports.default.fetch(`${ORIGIN}/sandbox-wallet/pay/${paymentId}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: `choice=${choice}`,
    redirect: "manual",
  });
}

export interface Received {
  url: string;
  path: string;
  clientId: string | null;
  time: string | null;
  body: string;
  /** Verified with the wallet's public key over `POST <path>\n<client-id>.<Request-Time>.<body>`. */
  verified: boolean;
}

/**
 * Stands in for the merchant's notify endpoint inside the wallet object: records each delivery,
 * checks its signature, and answers what `answers` says for each attempt in turn.
 */
export async function receiveNotifications(answers: Array<() => Response>): Promise<Received[]> {
  const received: Received[] = [];
  const publicKey = await importPublicKey(env.ANTOM_PUBLIC_KEY!);
  await runInDurableObject(wallet(), (instance: SandboxWallet) => {
    instance.transport = async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const body = await request.text();
      const clientId = request.headers.get("client-id");
      const time = request.headers.get("request-time");
      const sig = parseSignatureHeader(request.headers.get("signature"));
      const verified = !!sig && !!clientId && !!time && (await verify(publicKey, signContent("POST", url.pathname + url.search, clientId, time, body), sig));
      received.push({ url: request.url, path: url.pathname, clientId, time, body, verified });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)]!;
      return answer();
    };
  });
  return received;
}

/**
 * The deliveries about one payment. The wallet is one object per test file, so a forced alarm
 * (which runs as if its scheduled time had come) may also close other tests' open payments.
 */
export const about = (paymentId: string, received: Received[]) => () => received.filter((r) => JSON.parse(r.body).paymentId === paymentId);

export const ack = () => Response.json({ result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" } });

/** Runs the wallet's alarm until `done` holds (the runtime may also run it on its own). */
export async function alarmsUntil(done: () => boolean | Promise<boolean>, max = 12): Promise<void> {
  for (let i = 0; i < max && !(await done()); i++) {
    await runDurableObjectAlarm(wallet());
  }
}
