import { describe, expect, it } from "vitest";
import {
  ANTOM_PATHS,
  endpointOf,
  endpointPath,
  fromAmount,
  notificationSchema,
  orderCodeValue,
  payRequestSchema,
  payResponseSchema,
  sameAmount,
  toAmount,
} from "../../../src/payments/antom/messages";

describe("amounts", () => {
  it("are integer strings of minor units", () => {
    expect(toAmount(599, "USD")).toEqual({ currency: "USD", value: "599" });
    expect(toAmount(599, "JPY")).toEqual({ currency: "JPY", value: "599" });
    expect(toAmount(0, "EUR")).toEqual({ currency: "EUR", value: "0" });
    expect(fromAmount({ currency: "HKD", value: "1314" })).toEqual({ minor: 1314, currency: "HKD" });
  });

  it("toAmount refuses fractions, negatives, unsafe integers and bad currencies", () => {
    for (const minor of [12.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(() => toAmount(minor, "EUR")).toThrow(RangeError);
    for (const currency of ["eur", "EURO", "", "E1R"]) expect(() => toAmount(100, currency)).toThrow(RangeError);
  });

  it("fromAmount is strict: only a canonical integer string", () => {
    for (const value of ["12.50", "12.", "-5", "+5", "1e3", " 5", "5 ", "05", "0x10", "", "9007199254740993", "١٢"]) {
      expect(() => fromAmount({ currency: "EUR", value })).toThrow(RangeError);
    }
    expect(() => fromAmount({ currency: "eur", value: "5" })).toThrow(RangeError);
    expect(() => fromAmount({ currency: "EUR", value: 5 } as never)).toThrow(RangeError);
  });

  it("sameAmount compares value and currency", () => {
    expect(sameAmount(toAmount(5, "EUR"), { currency: "EUR", value: "5" })).toBe(true);
    expect(sameAmount(toAmount(5, "EUR"), toAmount(5, "USD"))).toBe(false);
    expect(sameAmount(toAmount(5, "EUR"), toAmount(50, "EUR"))).toBe(false);
  });
});

describe("paths", () => {
  it("are the AMS endpoints, rewritten to /ams/sandbox/api for SANDBOX_ client ids", () => {
    expect(endpointPath("pay", "LIVE_CLIENT")).toBe("/ams/api/v1/payments/pay");
    expect(endpointPath("inquiryRefund", "SANDBOX_5Y0566SG25J004124")).toBe("/ams/sandbox/api/v1/payments/inquiryRefund");
    expect(Object.values(ANTOM_PATHS)).toEqual([
      "/ams/api/v1/payments/pay",
      "/ams/api/v1/payments/inquiryPayment",
      "/ams/api/v1/payments/cancel",
      "/ams/api/v1/payments/refund",
      "/ams/api/v1/payments/inquiryRefund",
    ]);
  });

  it("endpointOf names the endpoint of a received path, in either form and under a prefix", () => {
    expect(endpointOf("/ams/api/v1/payments/pay")).toBe("pay");
    expect(endpointOf("/ams/sandbox/api/v1/payments/cancel")).toBe("cancel");
    expect(endpointOf("/sandbox-wallet/ams/api/v1/payments/refund")).toBe("refund");
    for (const path of ["/ams/api/v1/payments/capture", "/ams/api/v1/payments/constructor", "/ams/api/v1/payments/pay/x", "/pay"]) {
      expect({ path, endpoint: endpointOf(path) }).toEqual({ path, endpoint: null });
    }
  });
});

const orderCodeRequest = {
  productCode: "IN_STORE_PAYMENT",
  paymentNotifyUrl: "http://example.test/paymentNotify.htm",
  paymentRequestId: "102775745075669",
  paymentFactor: { inStorePaymentScenario: "OrderCode" },
  order: {
    referenceOrderId: "102775745075669",
    orderDescription: "Cappuccino",
    orderAmount: { currency: "USD", value: "10" },
    merchant: {
      referenceMerchantId: "seller231117459@login.com",
      merchantName: "cup Hu",
      merchantMCC: "1234",
      store: { referenceStoreId: "S0000000001", storeName: "UGG-2", storeMcc: "1405" },
    },
  },
  paymentAmount: { currency: "USD", value: "10" },
  paymentMethod: { paymentMethodType: "CONNECT_WALLET" },
};

describe("message schemas", () => {
  it("parse the docs' order-code pay request", () => {
    expect(payRequestSchema.parse(orderCodeRequest)).toEqual(orderCodeRequest);
  });

  it("refuse a cashier payment without a redirect URL, an unknown product or scenario", () => {
    const { paymentFactor: _, ...rest } = orderCodeRequest;
    expect(payRequestSchema.safeParse({ ...rest, productCode: "CASHIER_PAYMENT" }).success).toBe(false);
    expect(payRequestSchema.safeParse({ ...orderCodeRequest, productCode: "AGREEMENT_PAYMENT" }).success).toBe(false);
    expect(payRequestSchema.safeParse({ ...orderCodeRequest, paymentFactor: { inStorePaymentScenario: "EntryCode" } }).success).toBe(false);
    expect(payRequestSchema.safeParse({ ...orderCodeRequest, paymentRequestId: "x".repeat(65) }).success).toBe(false);
  });

  it("parse the captured sandbox pay response, and its TEXT order code", () => {
    const response = payResponseSchema.parse({
      normalUrl: "https://render.alipay.com/p/x",
      orderCodeForm: {
        codeDetails: [
          { codeValue: "golcashier1641892298660sandbox", displayType: "TEXT" },
          { codeValue: "https://example.test/qr?picSize=L", displayType: "BIGIMAGE" },
        ],
        expireTime: "2022-01-12T03:11:38+08:00",
      },
      paymentAmount: { currency: "HKD", value: "1314" },
      paymentCreateTime: "2022-01-11T17:11:38+08:00",
      paymentId: "91130000000000008319",
      paymentRequestId: "REQUEST_20220111170809661",
      redirectActionForm: { method: "GET", redirectUrl: "https://example.test/r" },
      result: { resultCode: "PAYMENT_IN_PROCESS", resultMessage: "Payment is processing.", resultStatus: "U" },
      someFutureField: "ignored",
    });
    expect(orderCodeValue(response.orderCodeForm)).toBe("golcashier1641892298660sandbox");
    expect(orderCodeValue(undefined)).toBeNull();
    expect(response).not.toHaveProperty("someFutureField");
  });

  it("parse the docs' notifyPayment example and refuse an unknown notifyType", () => {
    const example = {
      notifyType: "PAYMENT_RESULT",
      result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" },
      paymentRequestId: "pay_test_1106_0002",
      paymentId: "20200101234567890132",
      paymentAmount: { value: "8000", currency: "EUR" },
      actualPaymentAmount: { value: "8000", currency: "EUR" },
      paymentCreateTime: "2020-01-01T12:01:00+08:30",
      paymentTime: "2020-01-01T12:01:01+08:30",
    };
    expect(notificationSchema.parse(example)).toEqual(example);
    expect(notificationSchema.safeParse({ ...example, notifyType: "CAPTURE_RESULT" }).success).toBe(false);
    expect(notificationSchema.safeParse({ ...example, result: { ...example.result, resultStatus: "X" } }).success).toBe(false);
  });
});
