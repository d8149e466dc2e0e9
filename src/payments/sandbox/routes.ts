import { Hono } from "hono";
import { csrf } from "hono/csrf";
import type { z } from "zod";
import type { AppEnv } from "../../http/app-env";
import { errorResponse } from "../../http/errors";
import { renderNotFoundPage } from "../../pages/not-found";
import {
  cancelRequestSchema,
  endpointOf,
  inquiryPaymentRequestSchema,
  inquiryRefundRequestSchema,
  payRequestSchema,
  refundRequestSchema,
  type AntomEndpoint,
} from "../antom/messages";
import { sandboxConfig, sandboxEnabled } from "./config";
import { renderWalletPage } from "./page";
import { fingerprint, RESULT, type Result } from "./rules";
import { MOUNT, signedAnswer, verifyRequest } from "./signing";
import type { SandboxWallet } from "./wallet-object";

/** The one wallet object. */
const walletOf = (env: AppEnv["Bindings"]) => env.SANDBOX_WALLET.getByName("wallet");

/**
 * The built-in sandbox wallet, mounted at /sandbox-wallet: the provider's side of the Antom
 * protocol (ANTOM_BASE_URL = <origin>/sandbox-wallet) and the wallet page guests approve on.
 * It answers 404 to everything where APP_ENV is production.
 */
export const sandboxWallet = new Hono<AppEnv>();

sandboxWallet.use("*", async (c, next) => {
  if (!sandboxEnabled(c.env)) return c.html(renderNotFoundPage(), 404);
  await next();
});

// Both the live path (/ams/api/…) and the sandbox form the SDKs use for SANDBOX_ client ids.
sandboxWallet.post("/ams/*", async (c) => {
  const config = sandboxConfig(c.env);
  if (!config) return errorResponse(c, 503, "sandbox_not_configured", "The sandbox wallet has no keys: run `npm start` (scripts/dev-keys.mjs writes them into .dev.vars).");
  const raw = await c.req.text();
  const url = new URL(c.req.url);
  const verified = await verifyRequest(config, c.req.raw, raw);
  // A refused request's answer is signed over the path the SDKs sign: the one below the mount.
  if (!verified.ok) return signedAnswer(config, url.pathname.slice(MOUNT.length), { result: verified.result });
  const endpoint = endpointOf(url.pathname);
  const answer = endpoint ? await handle(endpoint, raw, walletOf(c.env), url.origin) : { result: RESULT.NO_INTERFACE_DEF };
  return signedAnswer(config, verified.signedPath, answer);
});

async function handle(endpoint: AntomEndpoint, raw: string, wallet: DurableObjectStub<SandboxWallet>, origin: string): Promise<object> {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { result: illegal("the body is not JSON") };
  }
  switch (endpoint) {
    case "pay": {
      const product = body as { productCode?: unknown; paymentFactor?: { inStorePaymentScenario?: unknown } } | null;
      const supported =
        product?.productCode === "CASHIER_PAYMENT" || (product?.productCode === "IN_STORE_PAYMENT" && product.paymentFactor?.inStorePaymentScenario === "OrderCode");
      if (!supported) return { result: RESULT.BUSINESS_NOT_SUPPORT };
      return parsed(payRequestSchema, body, async (req) => wallet.pay(req, await fingerprint(body), origin));
    }
    case "inquiryPayment":
      return parsed(inquiryPaymentRequestSchema, body, (req) => wallet.inquiryPayment(req));
    case "cancel":
      return parsed(cancelRequestSchema, body, (req) => wallet.cancel(req));
    case "refund":
      return parsed(refundRequestSchema, body, async (req) => wallet.refund(req, await fingerprint(body)));
    case "inquiryRefund":
      return parsed(inquiryRefundRequestSchema, body, (req) => wallet.inquiryRefund(req));
  }
}

async function parsed<S extends z.ZodType>(schema: S, body: unknown, run: (req: z.infer<S>) => Promise<object>): Promise<object> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { result: illegal(issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid body") };
  }
  return run(result.data);
}

const illegal = (why: string): Result => ({ ...RESULT.PARAM_ILLEGAL, resultMessage: `${RESULT.PARAM_ILLEGAL.resultMessage} ${why}` });

// The wallet page: where normalUrl and the order code's TEXT value lead.
sandboxWallet.get("/pay/:paymentId", async (c) => {
  const view = await walletOf(c.env).view(c.req.param("paymentId"));
  if (!view) return c.html(renderNotFoundPage(), 404);
  c.header("cache-control", "no-store");
  return c.html(renderWalletPage(view));
});

// Approve or Decline: a plain form post from the page itself (same origin only).
sandboxWallet.post("/pay/:paymentId", csrf(), async (c) => {
  const paymentId = c.req.param("paymentId");
  const form = await c.req.parseBody();
  if (form.choice !== "approve" && form.choice !== "decline") return c.redirect(`${MOUNT}/pay/${paymentId}`, 303);
  const decision = await walletOf(c.env).decide(paymentId, form.choice === "approve");
  if (decision.kind === "unknown") return c.html(renderNotFoundPage(), 404);
  // Back to the merchant, as the real wallet does; the order code has no redirect, so its page shows the outcome.
  const back = decision.redirectUrl && /^https?:\/\//.test(decision.redirectUrl) ? decision.redirectUrl : `${MOUNT}/pay/${paymentId}`;
  return c.redirect(back, 303);
});
