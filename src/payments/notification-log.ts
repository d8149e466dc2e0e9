import { newId } from "../domain/ids";
import { createLedgerDb } from "../db/ledger/client";
import { ledgerDatabase } from "../db/ledger/placement";
import { LedgerScope } from "../db/ledger/scope";
import { paymentNotifications, UNATTRIBUTED } from "../db/ledger/schema";

export type Verdict = "accepted" | "duplicate" | "rejected";

/** One notification as received and what we made of it. */
export interface NotificationRecord {
  storeId: string;
  notifyType: string | null;
  paymentRequestId: string | null;
  refundRequestId: string | null;
  /** Our payment the notification names, when it is one of ours. */
  paymentId: string | null;
  rawBody: string;
  headers: Record<string, string>;
  verdict: Verdict;
  rejectReason: string | null;
  receivedAt: number;
}

/** The headers that matter for a later look at a notification (what the signature covered). */
export function notificationHeaders(headers: Pick<Headers, "get">): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["client-id", "request-time", "signature", "content-type"]) {
    const value = headers.get(name);
    if (value !== null) out[name] = value.slice(0, 2048);
  }
  return out;
}

/** The ledger where a notification naming no merchant of ours is kept: LEDGER_0, merchant "". */
export const unattributedLedger = () => new LedgerScope(createLedgerDb(ledgerDatabase(0)), UNATTRIBUTED, 0);

/** Writes one row of payment_notifications in the given ledger (its merchant, or UNATTRIBUTED). */
export async function recordNotification(ledger: LedgerScope, record: NotificationRecord): Promise<string> {
  const id = newId("ntf");
  await ledger.insert(paymentNotifications, [{ id, provider: "antom", ...record }]);
  return id;
}
