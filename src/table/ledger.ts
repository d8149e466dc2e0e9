import type { LedgerItem, RoundRecordPayload, SessionClosedPayload } from "../db/ledger/types";
import type { RoundLine } from "../domain/table/types";
import type { MenuSnapshot } from "../domain/menu/snapshot";
import { nameOf } from "../domain/cart/pricing";
import type { OrderItem } from "../domain/table/items";
import type { LiveState, RoundRecord, SessionRecord, TableRef } from "./store";

/** What the ledger (D1) receives from a table object's outbox: built here, written by db/ledger. */
type Languages = Pick<MenuSnapshot, "languages"> | undefined;

const sessionKey = (ref: TableRef, s: SessionRecord) => ({
  merchantId: ref.merchantId,
  storeId: ref.storeId,
  tableId: ref.tableId,
  sessionId: s.id,
  currency: s.currency,
  openedAt: s.openedAt,
});

export function roundRecord(ref: TableRef, s: SessionRecord, round: RoundRecord, lines: RoundLine[], items: OrderItem[], menu: Languages): RoundRecordPayload {
  return {
    ...sessionKey(ref, s),
    round: { id: round.id, no: round.no, submittedAt: round.submittedAt, subtotal: round.subtotal, lines },
    items: items.map((i) => ledgerItem(i, menu, round.submittedAt)),
  };
}

/**
 * The closing record: final item states and the total. A session merged into another table's
 * hands its items and guests over; its own record only says where it went.
 */
export function closedRecord(ref: TableRef, state: LiveState, s: SessionRecord, reason: string, total: number, menu: Languages, now: number): SessionClosedPayload {
  const merged = reason.startsWith("merged:");
  return {
    ...sessionKey(ref, s),
    closedAt: now,
    guestCount: merged ? 0 : state.diners.filter((d) => !d.staff).length,
    total,
    reason,
    items: merged ? [] : state.items.map((i) => ledgerItem(i, menu, now)),
  };
}

function ledgerItem(item: OrderItem, menu: Languages, now: number): LedgerItem {
  return {
    id: item.id,
    roundId: item.roundId,
    dishId: item.dishId,
    name: nameOf(item.name, menu ?? { languages: [] }),
    quantity: item.quantity,
    lineTotal: item.lineTotal,
    status: item.status.state,
    voidReason: item.status.state === "voided" ? item.status.reason : null,
    createdAt: now,
  };
}
