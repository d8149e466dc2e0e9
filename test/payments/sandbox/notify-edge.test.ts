import { describe, expect, it } from "vitest";
import { alarmsUntil, call, cashierPay, choose, wallet } from "./support";

describe("sandbox wallet → our notify endpoint, through the default transport (in-process loopback)", () => {
  it("reaches POST /api/payments/antom/notify and passes its signature check; a payment we never made is refused and retried", async () => {
    const paid = await call("pay", cashierPay());
    await choose(paid.body.paymentId, "approve");
    await alarmsUntil(async () => ((await wallet().deliveries(paid.body.paymentId))[0]?.attempts ?? 0) >= 1);
    const [log] = await wallet().deliveries(paid.body.paymentId);
    expect(log!.attempts).toBeGreaterThanOrEqual(1);
    // Our handler verified the wallet's signature, then found no such payment of ours: 404, not 401.
    expect(log!.last_error).toMatch(/^HTTP 404: /);
    expect(log!.last_error).toContain("unknown_payment");
    expect(log!.delivered_at).toBeNull();
    expect(log!.next_at).not.toBeNull(); // it will try again
  });
});
