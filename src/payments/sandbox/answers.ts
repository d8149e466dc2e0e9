import type { InquiryPaymentResponse, InquiryRefundResponse, NotifyPayment, NotifyRefund, PayResponse } from "../antom/messages";
import { RESULT, type Result } from "./rules";
import type { PaymentRow, RefundRow } from "./store";

/** The protocol's times: ISO-8601 in UTC. */
export const isoTime = (ms: number) => new Date(ms).toISOString();

const amountOf = (row: { currency: string; value: number }) => ({ currency: row.currency, value: String(row.value) });

/** Where the guest approves or declines: the wallet page of one payment. */
export const walletPageUrl = (origin: string, paymentId: string) => `${origin}/sandbox-wallet/pay/${paymentId}`;

/** The pay answer while the payment is open: U PAYMENT_IN_PROCESS with how to reach the wallet. */
export function openPayAnswer(p: PaymentRow, origin: string): PayResponse {
  const page = walletPageUrl(origin, p.payment_id);
  const common = {
    result: RESULT.PAYMENT_IN_PROCESS,
    paymentRequestId: p.payment_request_id,
    paymentId: p.payment_id,
    paymentAmount: amountOf(p),
    paymentCreateTime: isoTime(p.created_at),
    paymentExpiryTime: isoTime(p.expires_at),
  };
  if (p.product_code === "IN_STORE_PAYMENT") {
    // The TEXT code is the wallet page itself, so scanning the printed code opens it.
    return {
      ...common,
      orderCodeForm: { codeDetails: [{ codeValue: page, displayType: "TEXT" }], expireTime: isoTime(p.expires_at), paymentMethodType: p.method_type },
    };
  }
  return { ...common, normalUrl: page, redirectActionForm: { method: "GET", redirectUrl: page } };
}

/** A final payment's outcome as a `result`. */
export function finalResult(p: PaymentRow): Result {
  if (p.status === "SUCCESS") return RESULT.SUCCESS;
  if (p.status === "CANCELLED") return RESULT.ORDER_IS_CLOSED;
  return { resultStatus: "F", resultCode: p.result_code ?? "PROCESS_FAIL", resultMessage: p.result_message ?? "" };
}

/**
 * A repeated pay with the same body: the first answer while the payment is open, its final
 * result once it has one (A11: "the same result is to be returned").
 */
export function replayPayAnswer(p: PaymentRow): PayResponse {
  if (p.status === "PROCESSING") return JSON.parse(p.first_answer) as PayResponse;
  return { ...(JSON.parse(p.first_answer) as PayResponse), result: finalResult(p) };
}

export function inquiryAnswer(p: PaymentRow): InquiryPaymentResponse {
  const code = p.status === "PROCESSING" ? RESULT.PAYMENT_IN_PROCESS : finalResult(p);
  return {
    result: RESULT.SUCCESS,
    paymentStatus: p.status,
    paymentResultCode: code.resultCode,
    paymentResultMessage: code.resultMessage,
    paymentRequestId: p.payment_request_id,
    paymentId: p.payment_id,
    paymentAmount: amountOf(p),
    paymentCreateTime: isoTime(p.created_at),
    ...(p.paid_at !== null ? { paymentTime: isoTime(p.paid_at) } : {}),
    paymentMethodType: p.method_type,
  };
}

export function refundInquiryAnswer(r: RefundRow): InquiryRefundResponse {
  return {
    result: RESULT.SUCCESS,
    refundStatus: r.status,
    refundRequestId: r.refund_request_id,
    ...(r.refund_id !== null ? { refundId: r.refund_id } : {}),
    paymentId: r.payment_id,
    refundAmount: amountOf(r),
    refundTime: isoTime(r.created_at),
  };
}

/** notifyPayment for a payment that reached a final state (A10). */
export function paymentNotification(p: PaymentRow): NotifyPayment {
  return {
    notifyType: "PAYMENT_RESULT",
    result: finalResult(p),
    paymentRequestId: p.payment_request_id,
    paymentId: p.payment_id,
    paymentAmount: amountOf(p),
    paymentCreateTime: isoTime(p.created_at),
    ...(p.paid_at !== null ? { paymentTime: isoTime(p.paid_at), actualPaymentAmount: amountOf(p) } : {}),
    paymentMethodType: p.method_type,
  };
}

/** notifyRefund for a granted refund (A9). */
export function refundNotification(r: RefundRow): NotifyRefund {
  return {
    notifyType: "REFUND_RESULT",
    result: RESULT.SUCCESS,
    refundStatus: "SUCCESS",
    refundRequestId: r.refund_request_id,
    ...(r.refund_id !== null ? { refundId: r.refund_id } : {}),
    paymentId: r.payment_id,
    refundAmount: amountOf(r),
    refundTime: isoTime(r.created_at),
  };
}
