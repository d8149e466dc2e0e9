import { env, exports } from "cloudflare:workers";
import { createDb } from "../../../src/db/client";
import { TenantScope } from "../../../src/db/scope";
import { tables } from "../../../src/db/schema";
import { bills, paymentNotifications, payments } from "../../../src/db/ledger/schema";
import { computeBill, type BillItem } from "../../../src/domain/payments/bill";
import { newPaymentId, billIdOf } from "../../../src/domain/payments/ids";
import { newId, newTableCode, randomToken } from "../../../src/domain/ids";
import { createAntomClient } from "../../../src/payments/antom/client";
import { antomConfig } from "../../../src/payments/antom/config";
import { toAmount } from "../../../src/payments/antom/messages";
import { signUpMerchant, type SignedUp } from "../../helpers/client";

export const ORIGIN = "https://t.test";

export interface Shop extends SignedUp {
  tableId: string;
  tableName: string;
}

/** A merchant signed up through the API, its store in `timeZone`, with one table. */
export async function newShop(timeZone = "Europe/Paris"): Promise<Shop> {
  const owner = await signUpMerchant();
  const store = await owner.client.patch(`/api/merchants/${owner.merchantId}/stores/${owner.storeId}`, { timeZone, currency: "EUR" });
  if (store.status !== 200) throw new Error(`store: ${store.status} ${JSON.stringify(store.body)}`);
  const tableId = newId("tbl");
  await createDb(env.DB)
    .insert(tables)
    .values({ id: tableId, merchantId: owner.merchantId, storeId: owner.storeId, name: "T7", area: "Hall", seats: 4, code: newTableCode(), createdAt: Date.now() });
  return { ...owner, tableId, tableName: "T7" };
}

export const ledgerOf = (merchantId: string) => new TenantScope(createDb(env.DB), merchantId).ledger();

/** Dishes of the bills written below: soup 2 × 650, duck 2400, tea 350 (EUR). */
export const ITEMS: BillItem[] = [
  { itemId: "itm_soup", roundId: "rnd_1", dinerId: "dnr_a", name: "Wonton soup", quantity: 2, unitPrice: 650, lineTotal: 1300, voided: false },
  { itemId: "itm_duck", roundId: "rnd_1", dinerId: "dnr_b", name: "Roast duck", quantity: 1, unitPrice: 2400, lineTotal: 2400, voided: false },
  { itemId: "itm_tea", roundId: "rnd_1", dinerId: "dnr_a", name: "Jasmine tea", quantity: 1, unitPrice: 350, lineTotal: 350, voided: false },
];

export interface PaymentSpec {
  amount: number;
  tip?: number;
  state?: "created" | "pending" | "succeeded" | "failed" | "cancelled";
  /** The provider's paymentId (a real sandbox payment for refunds through the sandbox). */
  providerPaymentId?: string | null;
  at?: number;
  wallet?: string;
}

/**
 * A bill and its payments written into the merchant's ledger as the table object's outbox writes
 * them (same tables and keys), the bill computed by the payment domain: 10 % service, 8 % tax added.
 */
export async function writeBill(shop: Shop, specs: PaymentSpec[], openedAt = Date.now()) {
  const ledger = await ledgerOf(shop.merchantId);
  const sessionId = newId("ses");
  const billId = billIdOf(sessionId, 1);
  const bill = computeBill({ currency: "EUR", items: ITEMS, taxMode: { kind: "added", rateBp: 800 }, serviceBp: 1000 });
  const succeeded = specs.filter((s) => (s.state ?? "succeeded") === "succeeded");
  const paid = succeeded.reduce((s, p) => s + p.amount, 0);
  const tips = succeeded.reduce((s, p) => s + (p.tip ?? 0), 0);
  const rows = specs.map((s) => {
    const id = newPaymentId(shop.tableId, randomToken(16));
    const state = s.state ?? "succeeded";
    const at = s.at ?? openedAt + 60_000;
    return {
      id,
      storeId: shop.storeId,
      billId,
      sessionId,
      tableId: shop.tableId,
      paymentRequestId: id,
      provider: "antom",
      providerPaymentId: s.providerPaymentId === undefined ? (state === "created" ? null : `prov_${randomToken(12)}`) : s.providerPaymentId,
      methodType: s.wallet ?? "CONNECT_WALLET",
      productCode: "CASHIER_PAYMENT" as const,
      payerId: "dnr_a",
      amount: s.amount,
      tip: s.tip ?? 0,
      charged: s.amount + (s.tip ?? 0),
      currency: "EUR",
      state,
      failureCode: state === "failed" ? "USER_BALANCE_NOT_ENOUGH" : null,
      covers: { kind: "amount" as const },
      createdAt: at,
      updatedAt: at,
      settledAt: state === "succeeded" ? at + 5_000 : null,
      expiresAt: at + 15 * 60_000,
    };
  });
  await ledger.batch([
    ledger.insert(bills, [
      {
        id: billId,
        storeId: shop.storeId,
        sessionId,
        tableId: shop.tableId,
        billNo: 1,
        currency: "EUR",
        taxMode: "added",
        taxRateBp: 800,
        serviceBp: 1000,
        subtotal: bill.subtotal,
        service: bill.service,
        tax: bill.tax,
        total: bill.total,
        paid,
        tips,
        status: paid >= bill.total ? "paid" : paid > 0 ? "partly_paid" : "open",
        lines: bill.lines,
        openedAt,
        updatedAt: openedAt,
        closedAt: paid >= bill.total ? openedAt + 3_600_000 : null,
      },
    ]),
    ...(rows.length ? [ledger.insert(payments, rows)] : []),
  ]);
  return { billId, bill, payments: rows };
}

/** A notification row, as the notify route records one. */
export async function writeNotification(merchantId: string, storeId: string, paymentId: string, verdict: "accepted" | "rejected", at = Date.now()) {
  const ledger = await ledgerOf(merchantId);
  await ledger.batch([
    ledger.insert(paymentNotifications, [
      {
        id: newId("ntf"),
        storeId,
        provider: "antom",
        notifyType: "PAYMENT_RESULT",
        paymentRequestId: paymentId,
        paymentId,
        rawBody: JSON.stringify({ notifyType: "PAYMENT_RESULT", paymentRequestId: paymentId }),
        headers: { "client-id": "SANDBOX_test" },
        verdict,
        rejectReason: verdict === "rejected" ? "bad_signature" : null,
        receivedAt: at,
      },
    ]),
  ]);
}

/** Our Antom client against the built-in sandbox wallet, in-process. */
export function sandboxClient() {
  const config = antomConfig(env);
  return createAntomClient({ ...config, fetch: (input, init) => exports.default.fetch(new Request(input, init)) });
}

/** A payment the guest approved on the sandbox wallet's page: answers the provider's paymentId. */
export async function paidInSandbox(charged: number, currency = "EUR"): Promise<string> {
  const id = `pay_${randomToken(16)}`;
  const paid = await sandboxClient().pay({
    productCode: "CASHIER_PAYMENT",
    paymentRequestId: id,
    order: { referenceOrderId: `bill_${id}`, orderDescription: "Table T7", orderAmount: toAmount(charged, currency) },
    paymentAmount: toAmount(charged, currency),
    paymentMethod: { paymentMethodType: "CONNECT_WALLET" },
    paymentRedirectUrl: `${ORIGIN}/q/testcode`,
    paymentNotifyUrl: `${ORIGIN}/api/payments/antom/notify`,
    settlementStrategy: { settlementCurrency: currency },
    env: { terminalType: "WAP" },
  } as never);
  if (!paid.ok || !paid.response.paymentId) throw new Error(`sandbox pay: ${JSON.stringify(paid)}`);
  const paymentId = paid.response.paymentId;
  const approved = await exports.default.fetch(`${ORIGIN}/sandbox-wallet/pay/${paymentId}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    body: "choice=approve",
    redirect: "manual",
  });
  if (approved.status >= 400) throw new Error(`sandbox approve: ${approved.status}`);
  return paymentId;
}
