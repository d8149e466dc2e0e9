import { and, asc, inArray, lt } from "drizzle-orm";
import type { Env } from "../env";
import { fanOut } from "../db/ledger/fanout";
import { payments } from "../db/ledger/schema";
import { cancelAtProvider, resultOfInquiry, tryProvider } from "./service";
import type { Provider } from "./provider";
import { tableObject, type PaymentResultInput } from "./table-rpc";

/** Payments looked at per ledger database and run (the cron runs every 5 minutes). */
export const RECONCILE_BATCH = 25;
/** A payment is looked at this long after its expiry (the provider closes it at expiry; its notification may be under way). */
export const RECONCILE_GRACE_MS = 60_000;

export type Reconciled = "settled" | "cancelled" | "open" | "unknown";

export interface ReconcileReport {
  checked: number;
  outcomes: Record<Reconciled, number>;
}

/**
 * The scheduled job's payment part: payments still created or pending past their expiry (ledger
 * `payments_state_idx`, every ledger database) are asked about at the provider. A final answer
 * (paid, failed, cancelled) is told to the table object; one still open is cancelled there and,
 * once the provider confirms, told as cancelled (expired). A payment the provider never heard of
 * is cancelled on our side (our pay call failed before it got there; nothing can be charged).
 * Bounded per run; what is left waits for the next run.
 */
export async function reconcilePayments(env: Env, now: number): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, outcomes: { settled: 0, cancelled: 0, open: 0, unknown: 0 } };
  const provider = tryProvider(env);
  if (!provider) return report;
  const due = (
    await fanOut((ledger) =>
      ledger
        .select({ id: payments.id, tableId: payments.tableId })
        .from(payments)
        .where(and(inArray(payments.state, ["created", "pending"]), lt(payments.expiresAt, now - RECONCILE_GRACE_MS)))
        .orderBy(asc(payments.expiresAt))
        .limit(RECONCILE_BATCH),
    )
  ).flat();
  for (const p of due) {
    report.checked++;
    const outcome = await reconcileOne(env, provider, p, now).catch((error: unknown) => {
      console.error("reconcile: payment", p.id, error);
      return "unknown" as const;
    });
    report.outcomes[outcome]++;
  }
  return report;
}

async function reconcileOne(env: Env, provider: Provider, p: { id: string; tableId: string }, now: number): Promise<Reconciled> {
  const table = tableObject(env, p.tableId);
  const inquiry = await provider.client.inquiryPayment({ paymentRequestId: p.id });
  if (!inquiry.ok) return "unknown";
  const result = resultOfInquiry(inquiry.response, now);
  if (result === null) return "unknown";
  if (result === "open") {
    const settled = await cancelAtProvider(provider, table, p.id, "expired", now);
    if (settled.state !== "settled") return settled.state;
    return settled.answer?.payment?.status === "cancelled" ? "cancelled" : "settled";
  }
  const told: PaymentResultInput = result === "not_found" || result.status === "cancelled" ? { status: "cancelled", reason: "expired" } : result;
  await table.paymentResult(p.id, told);
  return told.status === "cancelled" ? "cancelled" : "settled";
}
