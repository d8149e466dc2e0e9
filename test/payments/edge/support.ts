import { env, exports } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { paymentNotifications } from "../../../src/db/ledger/schema";
import { importPrivateKey, sign, signatureHeader, signContent } from "../../../src/payments/antom/signature";
import { unattributedLedger } from "../../../src/payments/notification-log";
import { ledgerScopeOf } from "../../ledger/support";

/** PUBLIC_ORIGIN in the test pool (vitest.config.ts): the wallet, the notify URL and redirects live there. */
export const ORIGIN = env.PUBLIC_ORIGIN!;
export const NOTIFY_PATH = "/api/payments/antom/notify";

export interface NotifyOptions {
  /** Request-Time header (default: now, ISO-8601 as the sandbox sends it). */
  time?: string;
  clientId?: string;
  /** Sign with this private key (default: the provider's, i.e. the sandbox wallet's). */
  key?: string;
  /** Sign this body instead of the one sent (an altered notification). */
  signedBody?: string;
  /** Sign over this path instead of the notify path. */
  signedPath?: string;
  /** Send without a Signature header. */
  unsigned?: boolean;
  ip?: string;
}

/** A notification POSTed to our endpoint through the Worker, signed as the provider signs it. */
export async function notify(body: string | object, o: NotifyOptions = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const time = o.time ?? new Date().toISOString();
  const clientId = o.clientId ?? env.ANTOM_CLIENT_ID!;
  const headers: Record<string, string> = { "content-type": "application/json; charset=UTF-8", "client-id": clientId, "request-time": time, "cf-connecting-ip": o.ip ?? "198.51.100.7" };
  if (!o.unsigned) {
    const key = await importPrivateKey(o.key ?? env.SANDBOX_PRIVATE_KEY!);
    headers.signature = signatureHeader(await sign(key, signContent("POST", o.signedPath ?? NOTIFY_PATH, clientId, time, o.signedBody ?? raw)));
  }
  const res = await exports.default.fetch(`${ORIGIN}${NOTIFY_PATH}`, { method: "POST", headers, body: raw });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as { result: { resultCode: string; resultStatus: string; resultMessage: string } }, headers: res.headers };
}

export function paymentResult(paymentRequestId: string, o: { status?: "S" | "F"; value: number; currency?: string; paymentId?: string; code?: string; type?: string }) {
  const status = o.status ?? "S";
  return {
    notifyType: o.type ?? "PAYMENT_RESULT",
    result: status === "S" ? { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" } : { resultCode: o.code ?? "USER_BALANCE_NOT_ENOUGH", resultStatus: "F", resultMessage: "declined" },
    paymentRequestId,
    ...(o.paymentId === undefined ? {} : { paymentId: o.paymentId }),
    paymentAmount: { currency: o.currency ?? "EUR", value: String(o.value) },
    paymentCreateTime: new Date(Date.now() - 60_000).toISOString(),
    ...(status === "S" ? { paymentTime: new Date().toISOString() } : {}),
  };
}

/** Rows of payment_notifications naming a paymentRequestId: in the merchant's ledger, or UNATTRIBUTED in LEDGER_0 (merchantId null). */
export async function notificationsAbout(merchantId: string | null, paymentRequestId: string) {
  const ledger = merchantId === null ? unattributedLedger() : await ledgerScopeOf(merchantId);
  return ledger.select(paymentNotifications, eq(paymentNotifications.paymentRequestId, paymentRequestId), { orderBy: [paymentNotifications.receivedAt] });
}

/** The sandbox wallet's one object. */
export const sandboxWallet = () => env.SANDBOX_WALLET.getByName("wallet");

/** The guest's choice on the sandbox wallet's page, posted as its form does (same origin). */
export function walletChoice(walletPageUrl: string, choice: "approve" | "decline") {
  return exports.default.fetch(walletPageUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(walletPageUrl).origin },
    body: `choice=${choice}`,
    redirect: "manual",
  });
}

/**
 * Runs the sandbox wallet's alarm until the notifications about a provider payment id were
 * delivered (acknowledged by our real notify endpoint, reached in-process through the loopback).
 */
export async function deliverNotifications(providerPaymentId: string, max = 8): Promise<void> {
  for (let i = 0; i < max; i++) {
    const rows = await sandboxWallet().deliveries(providerPaymentId);
    if (rows.length > 0 && rows.every((n) => n.delivered_at !== null)) return;
    await runDurableObjectAlarm(sandboxWallet());
  }
  throw new Error(`notifications about ${providerPaymentId} not delivered: ${JSON.stringify(await sandboxWallet().deliveries(providerPaymentId))}`);
}
