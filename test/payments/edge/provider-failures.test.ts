import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client";
import { submitPayment } from "../../../src/payments/service";
import { tableObject, type PaymentOrder } from "../../../src/payments/table-rpc";
import type { Reply } from "../../../src/table/table-session";
import { TEST_PROVIDER_PRIVATE_KEY, TEST_PROVIDER_PUBLIC_KEY } from "../fixtures/antom-openssl";
import { Guest, setupRestaurant, type Restaurant } from "../../table/helpers";
import { sandboxWallet } from "./support";

/**
 * When the provider refuses a payment, answers something we cannot verify, or cannot be reached,
 * the object is told the payment failed (its reservation released) and the guest gets a clear
 * error; nothing is left half-open. The provider here is the real sandbox wallet; only the
 * configuration given to the edge is broken, as a wrong production secret would be.
 */
describe("provider failures when starting a payment", () => {
  let r: Restaurant;
  let g: Guest;
  beforeAll(async () => {
    r = await setupRestaurant(1);
    g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.burger);
    await g.req("POST", "/session/rounds", {});
  });

  async function attempt(brokenEnv: Partial<typeof env>) {
    const table = tableObject(env, r.tables[0]!.id);
    const started = (await table.startPayment(
      { kind: "guest", sessionId: g.sessionId, dinerId: g.dinerId },
      { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount: 1250, tip: 0 } },
    )) as Reply<{ order: PaymentOrder }>;
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const deferred: Promise<unknown>[] = [];
    const result = await submitPayment({ ...env, ...brokenEnv }, createDb(env.DB), table, started.order, (p) => deferred.push(p));
    await Promise.all(deferred);
    const after = await g.req("GET", `/session/payments/${started.order.id}`);
    return { id: started.order.id, result, payment: after.body.payment, deferred: deferred.length };
  }

  it("a refusal by the provider (F: our request is signed with a key it does not know) → 409 payment_refused, payment failed, released", async () => {
    const { result, payment } = await attempt({ ANTOM_MERCHANT_PRIVATE_KEY: TEST_PROVIDER_PRIVATE_KEY });
    expect(result).toMatchObject({ ok: false, status: 409, code: "payment_refused", details: { providerCode: "INVALID_SIGNATURE" } });
    expect(payment).toMatchObject({ status: "failed" });
    expect((await g.req("GET", "/session/bill")).body.bill.progress).toMatchObject({ pending: 0, remaining: 1250 });
  });

  it("an answer that does not verify with the provider's key → 502 provider_unavailable, failed, and cancelled at the provider", async () => {
    const { id, result, payment, deferred } = await attempt({ ANTOM_PUBLIC_KEY: TEST_PROVIDER_PUBLIC_KEY });
    expect(result).toMatchObject({ ok: false, status: 502, code: "provider_unavailable" });
    expect(payment).toMatchObject({ status: "failed" });
    expect(deferred).toBe(1);
    // The wallet did take it (its answer was only unverifiable to us): it is closed there, so it can never be paid.
    expect((await sandboxWallet().inquiryPayment({ paymentRequestId: id })).paymentStatus).toBe("CANCELLED");
  });

  it("no answer at all (nothing listens at the base URL) → 502 provider_unavailable, failed", async () => {
    const { result, payment } = await attempt({ ANTOM_BASE_URL: "http://127.0.0.1:9/ams-down" });
    expect(result).toMatchObject({ ok: false, status: 502, code: "provider_unavailable" });
    expect(payment).toMatchObject({ status: "failed" });
  });

  it("after all that the bill is whole again and pays normally through the API", async () => {
    const res = await g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount: 1250, tip: 0 } });
    expect(res.status).toBe(201);
    expect(res.body.payment.status).toBe("pending");
  });
});
