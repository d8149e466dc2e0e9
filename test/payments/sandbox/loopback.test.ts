import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loopbackFetch } from "../../../src/payments/sandbox/loopback";

describe("loopback fetch", () => {
  it("hands a request for the Worker's own PUBLIC_ORIGIN to the app in-process (no server listens on it in the pool)", async () => {
    expect(env.PUBLIC_ORIGIN).toBe("https://t.test");
    const res = await loopbackFetch(env)(new Request("https://t.test/healthz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, service: "tableside" });
    // The whole app, middleware included: the same security headers as over the network.
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});
