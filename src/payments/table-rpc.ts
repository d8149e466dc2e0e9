import type { Env } from "../env";
import type { TableSession } from "../table/table-session";
import type { PaymentOrder, PaymentResult, ProviderOutcome, ResultAnswer, StartInput } from "../table/commands/pay";

/**
 * What the edge asks of a table object about payments (payments-plan.md: the object holds the
 * bill, the reservations and the payments; the Worker talks to the provider and tells it).
 */
export type { PaymentOrder, StartInput };
export type PaymentResultInput = PaymentResult;
export type PaymentResultAnswer = ResultAnswer;
export type CreatedOutcome = ProviderOutcome;
export type PaymentOf = NonNullable<Awaited<ReturnType<TableSession["paymentOf"]>>>;

/** The table object's stub (its payment RPC: billView, startPayment, startBillCode, paymentCreated, paymentResult, paymentOf). */
export type PaymentTable = DurableObjectStub<TableSession>;

/** The table object, as the edge reaches it. */
export const tableObject = (env: Pick<Env, "TABLE">, tableId: string): PaymentTable => env.TABLE.getByName(tableId);
