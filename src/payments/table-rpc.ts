import type { Env } from "../env";
import type { Caller, Reply } from "../table/table-session";
import type { TableRef } from "../table/store";
import type { BillView, PaymentView, PayRequest, TipChoice, WalletType } from "../table/protocol";

/**
 * What the edge asks of a table object about payments (payments-plan.md: the object holds the
 * bill, the reservations and the payments; the Worker talks to the provider and tells it).
 */
export type PaymentOrder = {
  id: string;
  billId: string;
  amount: number;
  tip: number;
  currency: string;
  wallet: WalletType;
  productCode: "CASHIER_PAYMENT" | "IN_STORE_PAYMENT";
  merchantId: string;
  storeId: string;
  tableId: string;
  tableName: string;
  expiresAt: number;
};

export type PaymentResultInput =
  | { status: "succeeded"; providerPaymentId: string; amount: number; currency: string; paidAt: number }
  | { status: "failed"; providerPaymentId: string | null; code: string; message: string }
  | { status: "cancelled"; reason: "guest" | "expired" | "staff" };

export interface PaymentResultAnswer {
  outcome: "applied" | "duplicate" | "mismatch" | "unknown";
  detail: string | null;
  payment: PaymentView | null;
}

export type CreatedOutcome =
  | { ok: true; providerPaymentId: string; redirectUrl: string | null; codeValue: string | null }
  | { ok: false; code: string; message: string };

export interface PaymentOf {
  payment: PaymentView;
  order: PaymentOrder;
  redirectUrl: string | null;
  codeValue: string | null;
}

export interface StartPaymentInput {
  request: PayRequest;
  tip: TipChoice;
  wallet: WalletType;
  shown: { amount: number; tip: number };
}

/** The payment RPC of the table object (src/table/table-session.ts). */
export interface PaymentTable {
  billView(caller: Caller): Promise<Reply<{ bill: BillView | null }>>;
  startPayment(caller: Caller, input: StartPaymentInput): Promise<Reply<{ order: PaymentOrder }>>;
  startBillCode(ref: TableRef): Promise<Reply<{ order: PaymentOrder }>>;
  paymentCreated(id: string, outcome: CreatedOutcome): Promise<Reply<{ payment: PaymentView }>>;
  paymentResult(id: string, result: PaymentResultInput): Promise<PaymentResultAnswer>;
  paymentOf(id: string): Promise<PaymentOf | null>;
  pendingPayments(): Promise<{ id: string; providerPaymentId: string | null; createdAt: number; expiresAt: number }[]>;
}

/** The table object, as the edge reaches it. */
export const tableObject = (env: Pick<Env, "TABLE">, tableId: string) => env.TABLE.getByName(tableId) as unknown as PaymentTable;
