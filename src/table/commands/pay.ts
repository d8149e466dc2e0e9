/**
 * Paying the bill at the table. The object reserves what a payment pays for before the Worker
 * asks the provider (so two guests never pay the same item or more than is owed), learns the
 * provider's answer and the payment's result from the Worker, and closes the bill when succeeded
 * payments cover it. It never calls the provider itself. Ledger rows go through the outbox.
 */
import { fail, ok, type Result } from "../../domain/cart/errors";
import { randomToken } from "../../domain/ids";
import { newPaymentId } from "../../domain/payments/ids";
import { transition, type PaymentEvent } from "../../domain/payments/payment-state";
import { claim, progress, release, settle, type PayRequest, type PayState, type Reservation } from "../../domain/payments/reservations";
import { tipFor, type TipChoice } from "../../domain/payments/tip";
import type { WalletType } from "../../domain/payments/wallets";
import type { BillRecordPayload, PaymentRecordPayload } from "../../db/ledger/types";
import { currentBillId, currentBillNo, payStateOf, paymentView } from "../bill";
import type { Caller, TableCore } from "../core";
import type { PaymentView, TableEvent } from "../protocol";
import type { PayRecord, SessionRecord, TablePayment, TableRef } from "../store";
import { err, refuseWhileMoving, type Reply } from "./context";
import { commit, runCommand, type Change } from "./run";
import { close } from "./session";

/** A guest's wallet payment lasts this long; the printed bill's order code a little longer (the protocol allows < 30 min). */
export const CASHIER_EXPIRY_MS = 10 * 60_000;
export const ORDER_CODE_EXPIRY_MS = 15 * 60_000;

/** What the Worker needs to ask the provider for a payment the object reserved. */
export interface PaymentOrder {
  id: string;
  billId: string;
  amount: number;
  tip: number;
  currency: string;
  wallet: WalletType;
  productCode: TablePayment["productCode"];
  merchantId: string;
  storeId: string;
  tableId: string;
  tableName: string;
  expiresAt: number;
}

export type ProviderOutcome = { ok: true; providerPaymentId: string; redirectUrl: string | null; codeValue: string | null } | { ok: false; code: string; message: string };

export type PaymentResult =
  | { status: "succeeded"; providerPaymentId: string; amount: number; currency: string; paidAt: number }
  | { status: "failed"; providerPaymentId: string | null; code: string; message: string }
  | { status: "cancelled"; reason: "guest" | "expired" | "staff" };

export interface ResultAnswer {
  outcome: "applied" | "duplicate" | "mismatch" | "unknown";
  detail: string | null;
  payment: PaymentView | null;
}

export interface StartInput {
  request: PayRequest;
  tip: TipChoice;
  wallet: WalletType;
  /** What the pay sheet showed; a different price is refused (`amount_changed`). */
  shown: { amount: number; tip: number };
  /** The client's id for this request: a retry (after a lost answer) answers the same payment. */
  requestId?: string;
}

/** A guest starts paying: the reservation is made and the payment recorded as created. */
export async function startPayment(t: TableCore, caller: Caller, input: StartInput): Promise<Reply<{ order: PaymentOrder }>> {
  await t.settings();
  await t.menu();
  return runCommand<{ order: PaymentOrder }>(t, caller, {}, ({ session, actor, now }) => {
    const requestKey = input.requestId ? `${actor.dinerId}:${input.requestId}` : undefined;
    const again = requestKey ? t.state.payments.find((p) => p.requestKey === requestKey) : undefined;
    if (again) return ok({ reply: { order: orderOf(t, again) }, applied: null });
    return begin(t, session, { payerId: actor.dinerId, ...input, requestKey, productCode: "CASHIER_PAYMENT", now, expiresAt: now + CASHIER_EXPIRY_MS });
  });
}

/** Staff print the bill with a payment code: everything still owed, as one order-code payment. */
export async function startBillCode(t: TableCore, ref: TableRef): Promise<Reply<{ order: PaymentOrder }>> {
  t.setRef(ref);
  await t.settings();
  await t.menu();
  const frozen = refuseWhileMoving(t, "staff");
  if (frozen) return frozen;
  const session = t.state.session;
  if (!session) return err(fail("table_free", "This table has no open session."));
  const now = Date.now();
  const res = begin(t, session, {
    payerId: "staff",
    request: { kind: "whole" },
    tip: { kind: "none" },
    wallet: "CONNECT_WALLET",
    productCode: "IN_STORE_PAYMENT",
    now,
    expiresAt: now + ORDER_CODE_EXPIRY_MS,
  });
  return res.ok ? commit(t, res.value) : err(res);
}

function begin(
  t: TableCore,
  session: SessionRecord,
  a: {
    payerId: string;
    request: PayRequest;
    tip: TipChoice;
    wallet: WalletType;
    shown?: StartInput["shown"];
    requestKey?: string;
    productCode: TablePayment["productCode"];
    now: number;
    expiresAt: number;
  },
): Result<Change<{ order: PaymentOrder }>> {
  const settings = t.paymentSettings;
  if (a.productCode === "CASHIER_PAYMENT" && !settings.wallets.includes(a.wallet)) {
    return fail("wallet_not_accepted", "This restaurant does not take that wallet; choose another.", { wallets: settings.wallets });
  }
  const pay = payStateOf(t.state, settings, t.menus.current?.menu);
  if (!pay || pay.bill.total === 0) return fail("nothing_due", "There is nothing to pay yet.");
  const ref = t.state.ref!;
  const id = newPaymentId(ref.tableId, randomToken(16));
  const claimed = claim(pay, { id, payerId: a.payerId, request: a.request, expected: a.shown?.amount, now: a.now, expiresAt: a.expiresAt });
  if (!claimed.ok) return claimed;
  const tip = tipFor(a.tip, claimed.amount, settings);
  if (!tip.ok) return tip;
  if (a.shown && a.shown.tip !== tip.value) return fail("amount_changed", "The tip has changed.", { amount: claimed.amount, tip: tip.value });
  const billId = currentBillId(t.state)!;
  const payment: TablePayment = {
    id,
    billId,
    payerId: a.payerId,
    currency: session.currency,
    amount: claimed.amount,
    tip: tip.value,
    wallet: a.wallet,
    productCode: a.productCode,
    cover: claimed.reservation.cover,
    state: { status: "created" },
    createdAt: a.now,
    expiresAt: a.expiresAt,
    redirectUrl: null,
    codeValue: null,
    ...(a.requestKey ? { requestKey: a.requestKey } : {}),
  };
  const paying = settings.timing === "after_meal" && session.status !== "paying";
  const events: TableEvent[] = paying ? [{ type: "status", status: "paying" }] : [];
  const order = orderOf(t, payment);
  return ok({
    reply: { order },
    rows: [{ part: "payments", put: payment }],
    pay: record(t, claimed.state),
    session: paying ? { status: "paying" as const, lastActivityAt: a.now } : { lastActivityAt: a.now },
    ledger: [billEntry(t, claimed.state, a.now, null), paymentEntry(t, payment, a.now)],
    events,
    floor: "now",
  });
}

/** The provider took the payment (the guest is sent to the wallet) or refused it (the reservation is released). */
export function paymentCreated(t: TableCore, id: string, outcome: ProviderOutcome): Reply<{ payment: PaymentView }> {
  const p = t.state.payments.find((x) => x.id === id);
  if (!p) return err(fail("payment_not_found", "No such payment at this table."));
  const now = Date.now();
  const event: PaymentEvent = outcome.ok ? { type: "submitted", providerPaymentId: outcome.providerPaymentId, at: now } : { type: "failed", code: outcome.code, at: now };
  const tr = transition(p, event);
  if (!tr.ok) return err(tr);
  const next: TablePayment = { ...p, ...tr.payment, ...(outcome.ok ? { redirectUrl: outcome.redirectUrl, codeValue: outcome.codeValue } : {}) };
  const change = afterResult(t, p, next, now);
  return commit(t, { ...change, reply: { payment: paymentView(t.state, next) } });
}

/** A verified notification, an inquiry or a confirmed cancel says how a payment ended. Idempotent. */
export function paymentResult(t: TableCore, id: string, result: PaymentResult): ResultAnswer {
  const p = t.state.payments.find((x) => x.id === id);
  const now = Date.now();
  if (!p) {
    const past = t.store.pastPayment<TablePayment>(id);
    if (!past) return { outcome: "unknown", detail: "No such payment at this table.", payment: null };
    const tr = transition(past, eventOf(result, now));
    if (tr.ok && !tr.changed) return { outcome: "duplicate", detail: null, payment: paymentView(t.state, past) };
    return { outcome: "mismatch", detail: tr.ok ? `The payment already ended as ${past.state.status}.` : tr.error.message, payment: paymentView(t.state, past) };
  }
  if (result.status !== "cancelled" && result.providerPaymentId && p.state.status === "pending" && p.state.providerPaymentId && p.state.providerPaymentId !== result.providerPaymentId) {
    return { outcome: "mismatch", detail: "The provider's payment id is not this payment's.", payment: paymentView(t.state, p) };
  }
  const tr = transition(p, eventOf(result, now));
  if (!tr.ok) return { outcome: "mismatch", detail: tr.error.message, payment: paymentView(t.state, p) };
  if (!tr.changed) return { outcome: "duplicate", detail: null, payment: paymentView(t.state, p) };
  const next: TablePayment = { ...p, ...tr.payment };
  commit(t, afterResult(t, p, next, now));
  const view = paymentView(t.state, next);
  closeIfPaid(t, now);
  return { outcome: "applied", detail: null, payment: view };
}

/** One payment as the return page and the Worker see it (also after its session ended). */
export function paymentOf(t: TableCore, id: string): { payment: PaymentView; order: PaymentOrder; redirectUrl: string | null; codeValue: string | null } | null {
  const p = t.state.payments.find((x) => x.id === id) ?? t.store.pastPayment<TablePayment>(id);
  if (!p || !t.state.ref) return null;
  return { payment: paymentView(t.state, p), order: orderOf(t, p), redirectUrl: p.redirectUrl, codeValue: p.codeValue };
}

/** Payments still waiting for the provider's word (the scheduled job asks about them past expiry). */
export function pendingPayments(t: TableCore): { id: string; providerPaymentId: string | null; createdAt: number; expiresAt: number }[] {
  return t.state.payments
    .filter((p) => p.state.status === "created" || p.state.status === "pending")
    .map((p) => ({ id: p.id, providerPaymentId: p.state.status === "pending" ? p.state.providerPaymentId : null, createdAt: p.createdAt, expiresAt: p.expiresAt }));
}

function orderOf(t: TableCore, p: TablePayment): PaymentOrder {
  const ref = t.state.ref!;
  return {
    id: p.id,
    billId: p.billId,
    amount: p.amount,
    tip: p.tip,
    currency: p.currency,
    wallet: p.wallet,
    productCode: p.productCode,
    merchantId: ref.merchantId,
    storeId: ref.storeId,
    tableId: ref.tableId,
    tableName: ref.tableName,
    expiresAt: p.expiresAt,
  };
}

function eventOf(result: PaymentResult, now: number): PaymentEvent {
  if (result.status === "succeeded") return { type: "succeeded", providerPaymentId: result.providerPaymentId, amount: result.amount, currency: result.currency, at: result.paidAt };
  if (result.status === "failed") return { type: "failed", code: result.code, at: now };
  return { type: "cancelled", reason: result.reason, at: now };
}

/** A payment's new state: its reservation settled or released, the ledger told, the table's status kept right. */
function afterResult(t: TableCore, before: TablePayment, next: TablePayment, now: number): Change<object> {
  const pay = payStateOf(t.state, t.paymentSettings, t.menus.current?.menu);
  const s = next.state;
  let state: PayState | null = pay;
  if (pay && s.status === "succeeded") state = settle(pay, reservationOf(pay, before), now).state;
  else if (pay && (s.status === "failed" || s.status === "cancelled")) {
    const released = release(pay, next.id);
    state = released.ok ? released.state : pay;
  }
  const final = s.status === "succeeded" || s.status === "failed" || s.status === "cancelled";
  if (final) t.store.rememberPayment(next, now);
  // Nothing paid and nothing under way any more: the table may order again.
  const session = t.state.session!;
  const idle = state !== null && state.reservations.length === 0 && session.status === "paying";
  const change: Change<object> = {
    reply: {},
    rows: [{ part: "payments", put: next }],
    pay: state ? record(t, state) : undefined,
    ledger: [paymentEntry(t, next, now), ...(state && s.status === "succeeded" ? [billEntry(t, state, now, null)] : [])],
    floor: "now",
  };
  if (idle) return { ...change, session: { status: "bill_requested" }, events: [{ type: "status", status: "bill_requested" }] };
  return change;
}

/** The reservation a payment holds, or (released meanwhile) the one it held, for `settle` to take back in. */
function reservationOf(pay: PayState, p: TablePayment): Reservation {
  return (
    pay.reservations.find((r) => r.id === p.id) ?? {
      id: p.id,
      payerId: p.payerId,
      cover: p.cover,
      amount: p.amount,
      status: "held",
      heldAt: p.createdAt,
      expiresAt: p.expiresAt,
      settledAt: null,
    }
  );
}

/** Succeeded payments cover the bill and none is under way: the bill closes, and after the meal the session too. */
function closeIfPaid(t: TableCore, now: number): void {
  const pay = payStateOf(t.state, t.paymentSettings, t.menus.current?.menu);
  if (!pay) return;
  const p = progress(pay);
  if (p.status !== "paid" || p.pending > 0 || pay.bill.total === 0) return;
  const closedEntry = billEntry(t, pay, now, now);
  if (t.paymentSettings.timing === "after_meal") {
    commit(t, { reply: {}, ledger: [closedEntry] });
    close(t, "paid", true);
    return;
  }
  // Pay after each round: the next bill starts with the next round.
  const prev = t.state.pay;
  const closedItems = [...(prev?.closedItems ?? []), ...pay.bill.lines.map((l) => l.itemId)];
  commit(t, { reply: {}, ledger: [closedEntry], pay: { billNo: currentBillNo(t.state) + 1, closedItems, state: null }, floor: "now" });
}

const record = (t: TableCore, state: PayState): PayRecord => ({ billNo: currentBillNo(t.state), closedItems: t.state.pay?.closedItems ?? [], state });

function sessionKey(t: TableCore) {
  const ref = t.state.ref!;
  const s = t.state.session!;
  return { merchantId: ref.merchantId, storeId: ref.storeId, tableId: ref.tableId, sessionId: s.id, currency: s.currency, openedAt: s.openedAt };
}

function paymentEntry(t: TableCore, p: TablePayment, now: number) {
  const s = p.state;
  const record: PaymentRecordPayload = {
    ...sessionKey(t),
    currency: p.currency,
    billId: p.billId,
    id: p.id,
    providerPaymentId: "providerPaymentId" in s ? s.providerPaymentId : null,
    methodType: p.wallet,
    productCode: p.productCode,
    payerId: p.payerId === "staff" ? null : p.payerId,
    amount: p.amount,
    tip: p.tip,
    state: s.status,
    failureCode: s.status === "failed" ? s.code : s.status === "cancelled" ? s.reason : null,
    covers: p.cover,
    createdAt: p.createdAt,
    updatedAt: now,
    settledAt: "paidAt" in s ? s.paidAt : null,
    expiresAt: p.expiresAt,
  };
  return { kind: "payment" as const, key: `payment:${p.id}:${s.status}`, record };
}

function billEntry(t: TableCore, pay: PayState, now: number, closedAt: number | null) {
  const p = progress(pay);
  const billId = currentBillId(t.state)!;
  const tips = t.state.payments.filter((x) => x.billId === billId && "paidAt" in x.state).reduce((sum, x) => sum + x.tip, 0);
  const b = pay.bill;
  const record: BillRecordPayload = {
    ...sessionKey(t),
    billId,
    billNo: currentBillNo(t.state),
    taxMode: b.taxMode.kind,
    taxRateBp: b.taxMode.rateBp,
    serviceBp: b.serviceBp,
    subtotal: b.subtotal,
    service: b.service,
    tax: b.tax,
    total: b.total,
    paid: p.paid,
    tips,
    status: p.status,
    lines: b.lines,
    updatedAt: now,
    closedAt,
  };
  return { kind: "bill" as const, key: `bill:${billId}:${p.paid}:${b.total}:${closedAt ?? ""}`, record };
}

