import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../env";
import type {
  CancelRequest,
  CancelResponse,
  InquiryPaymentRequest,
  InquiryPaymentResponse,
  InquiryRefundRequest,
  InquiryRefundResponse,
  PayRequest,
  PayResponse,
  RefundRequest,
  RefundResponse,
} from "../antom/messages";
import { inquiryAnswer, isoTime, openPayAnswer, paymentNotification, refundInquiryAnswer, refundNotification, replayPayAnswer } from "./answers";
import { sandboxConfig } from "./config";
import { loopbackFetch, type FetchLike } from "./loopback";
import { deliver } from "./notifier";
import { cancelDecision, expiryOf, nextAttemptAt, RESULT, refundDecision, type PaymentStatus } from "./rules";
import { WalletStore, type NotificationRow, type PaymentRow } from "./store";

/** What the wallet page shows of a payment. */
export interface WalletView {
  paymentId: string;
  merchantName: string;
  description: string;
  amount: { currency: string; value: number };
  methodType: string;
  orderCode: boolean;
  status: PaymentStatus;
  resultMessage: string | null;
  expiresAt: number;
  redirectUrl: string | null;
  notifications: Pick<NotificationRow, "attempts" | "delivered_at" | "next_at" | "last_error">[];
}

export type Decision = { kind: "unknown" } | { kind: "settled"; status: PaymentStatus; redirectUrl: string | null };

/**
 * The sandbox wallet's state, one object for the whole wallet (named "wallet"): payments by
 * paymentRequestId, refunds by refundRequestId, and the notifications it owes the merchant.
 * Its alarm delivers them (retrying on the shortened cadence in rules.ts) and closes payments
 * nobody approved in time. Each method answers a protocol body; the Worker signs it.
 */
export class SandboxWallet extends DurableObject<Env> {
  private readonly store: WalletStore;
  /** How notifications leave the wallet. */
  transport: FetchLike;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new WalletStore(ctx.storage.sql);
    this.transport = loopbackFetch(env);
    void ctx.blockConcurrencyWhile(async () => {
      this.store.migrate();
      ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS alarm (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL)");
    });
  }

  /** `hash` fingerprints the whole request body; `origin` is where the wallet page is served. */
  async pay(req: PayRequest, hash: string, origin: string): Promise<PayResponse> {
    const now = Date.now();
    await this.expire(now);
    const existing = this.store.payment({ paymentRequestId: req.paymentRequestId });
    if (existing) return existing.request_hash === hash ? replayPayAnswer(existing) : { result: RESULT.REPEAT_REQ_INCONSISTENT };
    const orderCode = req.productCode === "IN_STORE_PAYMENT";
    const merchant = req.order.merchant;
    const row: PaymentRow = {
      payment_id: `sbx_${crypto.randomUUID().replaceAll("-", "")}`,
      payment_request_id: req.paymentRequestId,
      request_hash: hash,
      product_code: req.productCode,
      method_type: req.paymentMethod.paymentMethodType,
      currency: req.paymentAmount.currency,
      value: Number(req.paymentAmount.value),
      merchant_name: merchant?.merchantName ?? merchant?.store?.storeName ?? merchant?.referenceMerchantId ?? "Merchant",
      description: req.order.orderDescription,
      redirect_url: req.productCode === "CASHIER_PAYMENT" ? req.paymentRedirectUrl : null,
      notify_url: req.paymentNotifyUrl ?? null,
      status: "PROCESSING",
      result_code: null,
      result_message: null,
      created_at: now,
      expires_at: expiryOf(now, req.paymentExpiryTime, orderCode),
      paid_at: null,
      closed_at: null,
      first_answer: "",
    };
    const answer = openPayAnswer(row, origin);
    this.store.insertPayment({ ...row, first_answer: JSON.stringify(answer) });
    await this.schedule();
    return answer;
  }

  async inquiryPayment(req: InquiryPaymentRequest): Promise<InquiryPaymentResponse> {
    await this.expire(Date.now());
    const p = this.store.payment(req);
    return p ? inquiryAnswer(p) : { result: RESULT.ORDER_NOT_EXIST };
  }

  async cancel(req: CancelRequest): Promise<CancelResponse> {
    const now = Date.now();
    await this.expire(now);
    const p = this.store.payment(req);
    if (!p) return { result: RESULT.ORDER_NOT_EXIST };
    const decision = cancelDecision({ status: p.status, currency: p.currency, value: p.value, createdAt: p.created_at }, this.store.refunded(p.payment_id), now);
    if (!decision.ok) return { result: decision.result, paymentId: p.payment_id, paymentRequestId: p.payment_request_id };
    if (decision.close) {
      if (p.status === "PROCESSING") this.store.settle(p.payment_id, "CANCELLED", RESULT.ORDER_IS_CLOSED.resultCode, "The merchant cancelled the payment.", now);
      else this.store.voidPaid(p.payment_id, now);
    }
    await this.schedule();
    return { result: RESULT.SUCCESS, paymentId: p.payment_id, paymentRequestId: p.payment_request_id, cancelTime: isoTime(now) };
  }

  async refund(req: RefundRequest, hash: string): Promise<RefundResponse> {
    const now = Date.now();
    const existing = this.store.refund({ refundRequestId: req.refundRequestId });
    if (existing) return existing.request_hash === hash ? (JSON.parse(existing.answer) as RefundResponse) : { result: RESULT.REPEAT_REQ_INCONSISTENT };
    const p = this.store.payment({ paymentId: req.paymentId });
    if (!p) return { result: RESULT.ORDER_NOT_EXIST, refundRequestId: req.refundRequestId, paymentId: req.paymentId };
    const value = Number(req.refundAmount.value);
    const decision = refundDecision(
      { status: p.status, currency: p.currency, value: p.value, createdAt: p.created_at },
      this.store.refunded(p.payment_id),
      { currency: req.refundAmount.currency, value },
    );
    const refundId = decision.ok ? `sbx_refund_${crypto.randomUUID().replaceAll("-", "")}` : null;
    const answer: RefundResponse = decision.ok
      ? { result: RESULT.SUCCESS, refundRequestId: req.refundRequestId, refundId: refundId!, paymentId: p.payment_id, refundAmount: req.refundAmount, refundTime: isoTime(now) }
      : { result: decision.result, refundRequestId: req.refundRequestId, paymentId: p.payment_id };
    const row = {
      refund_request_id: req.refundRequestId,
      request_hash: hash,
      refund_id: refundId,
      payment_id: p.payment_id,
      currency: req.refundAmount.currency,
      value,
      status: decision.ok ? ("SUCCESS" as const) : ("FAIL" as const),
      created_at: now,
      answer: JSON.stringify(answer),
    };
    this.store.insertRefund(row);
    // The refund's own notify URL, else the payment's (as the Dashboard's URL would be).
    const notifyUrl = req.refundNotifyUrl ?? p.notify_url;
    if (decision.ok && notifyUrl) {
      this.store.enqueue("refund", refundId!, notifyUrl, JSON.stringify(refundNotification(row)), now);
      await this.schedule();
    }
    return answer;
  }

  async inquiryRefund(req: InquiryRefundRequest): Promise<InquiryRefundResponse> {
    const r = this.store.refund(req);
    return r ? refundInquiryAnswer(r) : { result: RESULT.ORDER_NOT_EXIST };
  }

  /** The wallet page's view of one payment, or null. */
  async view(paymentId: string): Promise<WalletView | null> {
    await this.expire(Date.now());
    const p = this.store.payment({ paymentId });
    if (!p) return null;
    return {
      paymentId: p.payment_id,
      merchantName: p.merchant_name,
      description: p.description,
      amount: { currency: p.currency, value: p.value },
      methodType: p.method_type,
      orderCode: p.product_code === "IN_STORE_PAYMENT",
      status: p.status,
      resultMessage: p.result_message,
      expiresAt: p.expires_at,
      redirectUrl: p.redirect_url,
      notifications: this.store.notifications(p.payment_id).map(({ attempts, delivered_at, next_at, last_error }) => ({ attempts, delivered_at, next_at, last_error })),
    };
  }

  /** The guest approves or declines in the wallet page; the first choice wins. */
  async decide(paymentId: string, approve: boolean): Promise<Decision> {
    const now = Date.now();
    await this.expire(now);
    const p = this.store.payment({ paymentId });
    if (!p) return { kind: "unknown" };
    if (p.status === "PROCESSING") {
      const outcome = approve ? RESULT.SUCCESS : RESULT.USER_DECLINED;
      this.settleAndNotify(p, approve ? "SUCCESS" : "FAIL", outcome.resultCode, outcome.resultMessage, now);
      await this.schedule();
    }
    const after = this.store.payment({ paymentId })!;
    return { kind: "settled", status: after.status, redirectUrl: after.redirect_url };
  }

  /** Every notification about one payment or refund (or all), for the page and for tests. */
  async deliveries(subjectId?: string): Promise<NotificationRow[]> {
    return this.store.notifications(subjectId);
  }

  /**
   * Delivers what is due and closes expired payments. "Due" is measured against the time the
   * alarm was set for, so an alarm run early (runDurableObjectAlarm in tests) does that run's work.
   */
  override async alarm(): Promise<void> {
    const config = sandboxConfig(this.env);
    const horizon = Math.max(Date.now(), this.alarmAt() ?? 0);
    await this.expire(horizon);
    for (const n of this.store.due(horizon)) {
      const outcome = config ? await deliver(this.transport, config, n.url, n.body) : { acked: false as const, error: "sandbox keys are not configured" };
      const at = Date.now();
      this.store.recordAttempt(n.id, at, outcome.acked ? { delivered: true } : { delivered: false, error: outcome.error, nextAt: nextAttemptAt(n.attempts + 1, at) });
    }
    this.ctx.storage.sql.exec("DELETE FROM alarm");
    await this.schedule();
  }

  private settleAndNotify(p: PaymentRow, status: "SUCCESS" | "FAIL" | "CANCELLED", code: string, message: string, now: number): void {
    if (!this.store.settle(p.payment_id, status, code, message, now)) return;
    const settled = this.store.payment({ paymentId: p.payment_id })!;
    if (settled.notify_url) this.store.enqueue("payment", settled.payment_id, settled.notify_url, JSON.stringify(paymentNotification(settled)), now);
  }

  /** Open payments past their expiry fail and their merchant is told (idempotent). */
  private async expire(now: number): Promise<void> {
    const expired = this.store.openPastExpiry(now);
    for (const p of expired) this.settleAndNotify(p, "FAIL", RESULT.EXPIRED.resultCode, RESULT.EXPIRED.resultMessage, now);
    if (expired.length > 0) await this.schedule();
  }

  private alarmAt(): number | null {
    return this.ctx.storage.sql.exec<{ at: number }>("SELECT at FROM alarm").toArray()[0]?.at ?? null;
  }

  /** One alarm at the earliest of the next delivery and the next expiry. */
  private async schedule(): Promise<void> {
    const times = [this.store.nextDue(), this.store.nextExpiry()].filter((t): t is number => t !== null);
    if (times.length === 0) {
      this.ctx.storage.sql.exec("DELETE FROM alarm");
      await this.ctx.storage.deleteAlarm();
      return;
    }
    const at = Math.min(...times);
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO alarm (id, at) VALUES (1, ?)", at);
    await this.ctx.storage.setAlarm(at);
  }
}
