import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/http/app";
import { endpointPath } from "../../../src/payments/antom/paths";
import { importPrivateKey, sign, signatureHeader, signContent } from "../../../src/payments/antom/signature";
import { cashierPay } from "./support";

async function signedPay(): Promise<Request> {
  const path = endpointPath("pay", env.ANTOM_CLIENT_ID!);
  const body = JSON.stringify(cashierPay());
  const time = String(Date.now());
  const signature = await sign(await importPrivateKey(env.ANTOM_MERCHANT_PRIVATE_KEY!), signContent("POST", path, env.ANTOM_CLIENT_ID!, time, body));
  return new Request(`https://t.test/sandbox-wallet${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "client-id": env.ANTOM_CLIENT_ID!, "request-time": time, signature: signatureHeader(signature) },
    body,
  });
}

async function fetchAs(appEnv: "production" | "test", request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(request, { ...env, APP_ENV: appEnv }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("sandbox wallet: absent in production", () => {
  it("answers 404 to a correctly signed protocol request where APP_ENV is production, and serves it elsewhere", async () => {
    const prod = await fetchAs("production", await signedPay());
    expect(prod.status).toBe(404);
    expect(prod.headers.get("signature")).toBeNull();
    expect(await prod.text()).toContain("Page not found");

    const dev = await fetchAs("test", await signedPay());
    expect(dev.status).toBe(200);
    expect(((await dev.json()) as { result: { resultCode: string } }).result.resultCode).toBe("PAYMENT_IN_PROCESS");
  });

  it("answers 404 to the wallet page and to form posts in production", async () => {
    const dev = await fetchAs("test", await signedPay());
    const { normalUrl } = (await dev.json()) as { normalUrl: string };
    expect((await fetchAs("test", new Request(normalUrl))).status).toBe(200);
    expect((await fetchAs("production", new Request(normalUrl))).status).toBe(404);
    const post = new Request(normalUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://t.test" }, body: "choice=approve" });
    expect((await fetchAs("production", post)).status).toBe(404);
    expect((await fetchAs("production", new Request("https://t.test/sandbox-wallet/"))).status).toBe(404);
  });
});
