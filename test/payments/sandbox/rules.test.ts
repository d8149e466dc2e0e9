import { describe, expect, it } from "vitest";
import { canonicalJson, cancelDecision, expiryOf, fingerprint, isAck, nextAttemptAt, NOTIFY_DELAYS_MS, parseMinor, refundDecision, DEFAULT_EXPIRY_MS } from "../../../src/payments/sandbox/rules";

const paid = { status: "SUCCESS" as const, currency: "EUR", value: 1000, createdAt: 0 };

describe("sandbox rules", () => {
  it("canonical JSON ignores key order, not values", async () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: "x" } })).toBe('{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
    expect(await fingerprint({ a: 1, b: 2 })).toBe(await fingerprint({ b: 2, a: 1 }));
    expect(await fingerprint({ a: 1 })).not.toBe(await fingerprint({ a: "1" }));
  });

  it("counts only HTTP 200 with result S as an acknowledgement", () => {
    expect(isAck(200, '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}')).toBe(true);
    expect(isAck(200, '{"result":{"resultStatus":"F"}}')).toBe(false);
    expect(isAck(500, '{"result":{"resultStatus":"S"}}')).toBe(false);
    expect(isAck(200, "success")).toBe(false);
  });

  it("retries on the shortened cadence, eight attempts in all", () => {
    expect(NOTIFY_DELAYS_MS).toHaveLength(8);
    expect(nextAttemptAt(1, 1_000)).toBe(3_000);
    expect(nextAttemptAt(2, 1_000)).toBe(11_000);
    expect(nextAttemptAt(7, 0)).toBe(2 * 60 * 60_000);
    expect(nextAttemptAt(8, 0)).toBeNull();
  });

  it("expires payments at the requested time within bounds, else after the default", () => {
    expect(expiryOf(0, undefined, false)).toBe(DEFAULT_EXPIRY_MS);
    expect(expiryOf(0, new Date(60_000).toISOString(), false)).toBe(60_000);
    expect(expiryOf(0, new Date(3 * 60 * 60_000).toISOString(), true)).toBe(30 * 60_000);
    expect(expiryOf(10_000, new Date(5_000).toISOString(), false)).toBe(10_000 + DEFAULT_EXPIRY_MS);
    expect(expiryOf(0, "tomorrow", false)).toBe(DEFAULT_EXPIRY_MS);
  });

  it("reads minor units strictly", () => {
    expect(parseMinor("1314")).toBe(1314);
    expect(parseMinor("0")).toBe(0);
    for (const bad of ["-1", "01", "1.5", "1e3", "", " 1"]) expect(parseMinor(bad)).toBeNull();
  });

  it("refunds only paid payments, in their currency, never above the amount in total", () => {
    expect(refundDecision(paid, 0, { currency: "EUR", value: 1000 })).toEqual({ ok: true });
    expect(refundDecision(paid, 600, { currency: "EUR", value: 401 })).toMatchObject({ ok: false, result: { resultCode: "REFUND_AMOUNT_EXCEED" } });
    expect(refundDecision(paid, 600, { currency: "EUR", value: 400 })).toEqual({ ok: true });
    expect(refundDecision(paid, 0, { currency: "USD", value: 1 })).toMatchObject({ ok: false, result: { resultCode: "CURRENCY_NOT_SUPPORT" } });
    expect(refundDecision({ ...paid, status: "PROCESSING" }, 0, { currency: "EUR", value: 1 })).toMatchObject({ ok: false });
    expect(refundDecision(paid, 0, { currency: "EUR", value: 0 })).toMatchObject({ ok: false, result: { resultCode: "PARAM_ILLEGAL" } });
  });

  it("cancels open payments, voids paid ones within a day unless refunded", () => {
    expect(cancelDecision({ ...paid, status: "PROCESSING" }, 0, 5)).toEqual({ ok: true, close: true });
    expect(cancelDecision(paid, 0, 60_000)).toEqual({ ok: true, close: true });
    expect(cancelDecision(paid, 1, 60_000)).toMatchObject({ ok: false });
    expect(cancelDecision(paid, 0, 25 * 60 * 60_000)).toMatchObject({ ok: false, result: { resultCode: "CANCEL_WINDOW_EXCEED" } });
    expect(cancelDecision({ ...paid, status: "CANCELLED" }, 0, 5)).toEqual({ ok: true, close: false });
  });
});
