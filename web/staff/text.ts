/** Small formatting helpers of the staff board. */
import type { TableCard } from "../../src/floor/protocol";
import { nextItemState, type ActiveItemState, type ItemState } from "../../src/domain/table/items";

export type Translated = Record<string, string>;

const lang = navigator.language || "en";

export const tr = (t: Translated | undefined, languages: string[] = []) => {
  if (!t) return "";
  for (const l of [lang, lang.split("-")[0]!, ...languages, "en"]) if (t[l]) return t[l]!;
  return Object.values(t)[0] ?? "";
};

export function money(minor: number, currency: string): string {
  if (!currency) return String(minor);
  const f = new Intl.NumberFormat(lang, { style: "currency", currency });
  return f.format(minor / 10 ** (f.resolvedOptions().maximumFractionDigits ?? 2));
}

/** "4 min", "1 h 05" since `at`, by the server's clock. */
export function since(at: number | null, now: number): string {
  if (!at) return "";
  const min = Math.max(0, Math.floor((now - at) / 60_000));
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, "0")}`;
}

export const STATUS_LABEL: Record<string, string> = {
  free: "Free",
  open: "Seated",
  bill_requested: "Bill asked",
  paying: "Paying",
  closed: "Closed",
};

/** A table's payment state on its tile: asked for or under way, partly paid (how much of the bill), paid. */
export function paymentText(t: Pick<TableCard, "payment" | "paid" | "billTotal" | "currency">): string {
  if (t.payment === "requested") return "Payment requested";
  if (t.payment === "paid") return "Paid";
  if (t.payment === "partly_paid") return `Paid ${money(t.paid, t.currency)} of ${money(t.billTotal, t.currency)}`;
  return "";
}

export const ITEM_LABEL: Record<string, string> = {
  received: "New",
  preparing: "Preparing",
  ready: "Ready",
  served: "Served",
  voided: "Voided",
};

/** The one tap that moves an item on (the flow itself is the domain's), or null when done. */
export function nextStep(state: ItemState): { to: ActiveItemState; label: string } | null {
  const to = state === "voided" ? null : nextItemState(state);
  return to && { to, label: STEP_LABEL[to] };
}

const STEP_LABEL: Record<ActiveItemState, string> = { received: "New", preparing: "Start", ready: "Ready", served: "Served" };
