import type { CartLine } from "../domain/cart/ops";
import { resolveSelection, type MenuIndex } from "../domain/cart/pricing";
import type { ServiceCall } from "../domain/table/calls";
import { itemsTotal, type OrderItem } from "../domain/table/items";
import type { FloorItem, TableCard } from "../floor/protocol";
import { pendingRequests } from "../domain/table/admission";
import type { AccessView, BillView, CallView, DinerView, ItemView, LineView, RoundView, TableView } from "./protocol";
import type { Diner, LiveState, RoundRecord } from "./store";

/** Prices a cart line from the menu now; a dish gone from the menu keeps its name and costs 0. */
export function lineView(line: CartLine, menu: MenuIndex | null, now: number): LineView {
  const base = {
    id: line.id,
    dinerId: line.dinerId,
    addedBy: line.addedBy,
    dishId: line.dishId,
    quantity: line.quantity,
    note: line.note,
    priceWas: null,
  };
  const found = menu?.dishes.get(line.dishId);
  if (!menu || !found) return { ...base, name: line.name, options: [], unitPrice: 0, lineTotal: 0, problem: "off_menu" };
  const priced = resolveSelection(menu, line.dishId, line.optionIds, { staff: true, checkAvailability: false, now });
  if (!priced.ok) return { ...base, name: found.dish.name, options: [], unitPrice: 0, lineTotal: 0, problem: "off_menu" };
  const unitPrice = priced.value.unitPrice;
  const available = resolveSelection(menu, line.dishId, line.optionIds, { staff: true, checkAvailability: true, now });
  const problem = available.ok ? null : available.error.code === "sold_out" ? "sold_out" : "unavailable";
  return {
    ...base,
    name: found.dish.name,
    options: priced.value.options.map((c) => ({ id: c.option.id, name: c.option.name, priceDelta: c.option.priceDelta })),
    unitPrice,
    lineTotal: unitPrice * line.quantity,
    problem,
    priceWas: line.shownPrice !== undefined && line.shownPrice !== unitPrice ? line.shownPrice : null,
  };
}

export function itemView(item: OrderItem): ItemView {
  return {
    id: item.id,
    roundId: item.roundId,
    dishId: item.dishId,
    name: item.name,
    options: item.options.map((o) => ({ id: o.optionId, name: o.name, priceDelta: o.priceDelta })),
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    lineTotal: item.lineTotal,
    note: item.note,
    dinerId: item.dinerId,
    state: item.status.state,
    voidReason: item.status.state === "voided" ? item.status.reason : null,
    station: item.station,
    categoryId: item.categoryId,
    updatedAt: item.updatedAt,
  };
}

/** Rounds are numbered in the order they were sent (merged tables' rounds included). */
export function roundView(round: RoundRecord, items: readonly OrderItem[], no: number): RoundView {
  return {
    id: round.id,
    no,
    submittedAt: round.submittedAt,
    submittedBy: round.submittedBy,
    subtotal: round.subtotal,
    items: items.filter((i) => i.roundId === round.id).map(itemView),
  };
}

export const callView = (call: ServiceCall): CallView => ({
  id: call.id,
  kind: call.kind,
  note: call.note,
  dinerId: call.dinerId,
  createdAt: call.createdAt,
  ackedAt: call.ack?.at ?? null,
});

export const dinerView = (diner: Diner, online: boolean): DinerView => ({ id: diner.id, name: diner.name, staff: diner.staff, online });

export function accessView(state: LiveState, now: number): AccessView {
  const s = state.session;
  return {
    joinCode: s?.joinCode || null,
    requests: pendingRequests(state.requests, now).map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt, expiresAt: r.expiresAt, help: r.help })),
    awaitingStaff: s?.awaitingStaff != null,
    paused: state.paused,
  };
}

export function tableView(state: LiveState, menu: MenuIndex | null, isOnline: (dinerId: string) => boolean, now: number, bill: BillView | null): TableView {
  const s = state.session;
  return {
    tableId: state.ref?.tableId ?? "",
    tableName: state.ref?.tableName ?? "",
    status: s?.status ?? "free",
    sessionId: s?.id ?? null,
    openedAt: s?.openedAt ?? null,
    currency: s?.currency ?? menu?.menu.currency ?? "",
    menuVersion: menu?.menu.version ?? 0,
    requireAllConfirm: s?.requireAllConfirm ?? false,
    confirmed: s?.confirmed ?? [],
    access: accessView(state, now),
    diners: state.diners.map((d) => dinerView(d, isOnline(d.id))),
    lines: state.lines.map((l) => lineView(l, menu, now)),
    rounds: state.rounds.map((r, i) => roundView(r, state.items, i + 1)),
    calls: state.calls.map(callView),
    bill,
  };
}

/** The table as the staff board shows it. */
export function tableCard(state: LiveState, now: number, payment: Pick<TableCard, "payment" | "paid" | "billTotal">): TableCard {
  const s = state.session;
  const names = new Map(state.diners.map((d) => [d.id, d.name]));
  const roundNo = new Map(state.rounds.map((r, i) => [r.id, i + 1]));
  const submitted = new Map(state.rounds.map((r) => [r.id, r.submittedAt]));
  const items: FloorItem[] = state.items
    .filter((i) => i.status.state !== "served" && i.status.state !== "voided")
    .map((i) => ({
      id: i.id,
      roundId: i.roundId,
      roundNo: roundNo.get(i.roundId) ?? 0,
      dishId: i.dishId,
      name: i.name,
      options: i.options.map((o) => o.name),
      quantity: i.quantity,
      note: i.note,
      state: i.status.state,
      station: i.station,
      categoryId: i.categoryId,
      submittedAt: submitted.get(i.roundId) ?? i.updatedAt,
      updatedAt: i.updatedAt,
      dinerName: names.get(i.dinerId) ?? "",
    }));
  return {
    tableId: state.ref?.tableId ?? "",
    tableName: state.ref?.tableName ?? "",
    // Filled in by the floor object from the store's table list.
    area: "",
    seats: 0,
    tv: state.version,
    status: s?.status ?? "free",
    sessionId: s?.id ?? null,
    openedAt: s?.openedAt ?? null,
    guests: state.diners.filter((d) => !d.staff).length,
    rounds: state.rounds.map((r, i) => ({ id: r.id, no: i + 1, submittedAt: r.submittedAt, items: state.items.filter((x) => x.roundId === r.id).length })),
    items,
    calls: state.calls
      .filter((c) => !c.ack)
      .map((c): TableCard["calls"][number] => ({ id: c.id, kind: c.kind, note: c.note, createdAt: c.createdAt, dinerName: names.get(c.dinerId) ?? "" }))
      .concat(state.doorCalls.map((c) => ({ id: c.id, kind: c.kind, note: "", createdAt: c.createdAt, dinerName: "" }))),
    joinCode: s?.joinCode || null,
    requests: pendingRequests(state.requests, now).map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt, help: r.help })),
    awaitingStaff: s?.awaitingStaff != null,
    paused: state.paused,
    cartItems: state.lines.reduce((n, l) => n + l.quantity, 0),
    orderedTotal: itemsTotal(state.items),
    ...payment,
    currency: s?.currency ?? "",
    updatedAt: now,
  };
}
