// Paying at the table, loaded by the live cart once the table has a bill (or the guest is back
// from a wallet): the bill section (total, paid, left, who paid what, a Pay button), "paid" marks
// on the ordered items, the pay sheet and the return panel. A chunk of its own, so the island
// stays within its budget for guests who only order.
import type { BillView, PaymentView } from "../../../../src/table/protocol";
import type { TableLink } from "../link";
import { h, rebuild } from "./dom";
import { itemMarks } from "./price";
import { PaySheet, type SheetOptions } from "./sheet";
import { PaymentReturn } from "./back";
import { fill, payStrings, type PayStrings } from "./strings";
import { PAY_CSS } from "./style";

export interface PayContext {
  s: PayStrings;
  lang: string;
  fmt: (minor: number) => string;
  digits: number;
  link: TableLink;
  /** The item's name in the guest's language (from the ordered rounds), when known. */
  itemName: (itemId: string) => string | null;
  /** Asks the staff to come (a waiter call). */
  callStaff: () => Promise<boolean>;
  /** The payment just started, so the page knows it on the way back. */
  remember: (paymentId: string) => void;
}

export interface PayInput {
  /** The island's bill section (kept across its renders). */
  box: HTMLElement;
  /** The live cart (its ordered items carry `data-item`). */
  root: HTMLElement;
  lang: string;
  fmt: (minor: number) => string;
  digits: number;
  link: TableLink;
  callStaff: () => Promise<boolean>;
}

export interface Pay {
  /** After each render of the live cart. */
  update(): void;
}

const BACK_KEY = "ts_pay_back";

export function mountPay(input: PayInput): Pay {
  const style = document.createElement("style");
  style.textContent = PAY_CSS;
  document.head.append(style);
  const { link, fmt } = input;
  const s = payStrings(input.lang);
  const text = (t: Record<string, string>) => t[input.lang] ?? t[input.lang.split("-")[0]!] ?? Object.values(t)[0] ?? "";
  const itemName = (itemId: string) => {
    for (const r of link.view?.rounds ?? []) for (const i of r.items) if (i.id === itemId) return text(i.name);
    return null;
  };
  const ctx: PayContext = {
    s,
    lang: input.lang,
    fmt,
    digits: input.digits,
    link,
    itemName,
    callStaff: input.callStaff,
    remember: (id) => {
      try {
        sessionStorage.setItem(BACK_KEY, id);
      } catch {
        // The wallet's redirect names the payment anyway.
      }
    },
  };
  let sheet: PaySheet | null = null;
  let shown = "";
  let back: PaymentReturn | null = null;

  const bill = (): BillView | null => link.view?.bill ?? null;

  function openSheet(opts: SheetOptions = {}) {
    const b = bill();
    if (!b || sheet) return;
    sheet = new PaySheet(ctx, b, () => {
      sheet = null;
      input.box.querySelector<HTMLElement>("[data-key=py-pay]")?.focus();
    }, opts);
  }

  input.box.addEventListener("click", (e) => {
    if ((e.target as HTMLElement).closest("[data-key=py-pay]")) openSheet();
  });

  // Back from the wallet: /q/<code>?payment=<id>.
  const returned = new URLSearchParams(location.search).get("payment");
  if (returned) {
    back = new PaymentReturn(ctx, returned, {
      again: (opts) => openSheet(opts),
      closed: () => {
        back = null;
        const url = new URL(location.href);
        url.searchParams.delete("payment");
        history.replaceState(history.state, "", url);
      },
    });
  }

  function summary(b: BillView): HTMLElement {
    const p = b.progress;
    const you = link.you;
    // Default names ("Guest 2") come from the server in English, as in the live cart.
    const names = new Map(link.view?.diners.map((d) => [d.id, /^Guest \d+$/.test(d.name) ? d.name.replace("Guest", s.guest) : d.name]) ?? []);
    const who = (pv: PaymentView) => (pv.payerId === "staff" ? s.staffPayer : pv.payerId === you ? `${names.get(you) ?? pv.payerName} (${s.yours})` : (names.get(pv.payerId) ?? pv.payerName));
    const shownPayments = b.payments.filter((pv) => pv.status === "succeeded" || pv.status === "pending" || pv.status === "created" || pv.status === "partly_refunded" || pv.status === "refunded");
    const share = p.total ? Math.min(100, Math.round((p.paid / p.total) * 100)) : 0;
    return h(
      "section",
      { class: "py-sum", "aria-labelledby": "py-h" },
      h("h3", { id: "py-h" }, s.bill),
      h(
        "dl",
        { class: "py-fig" },
        h("dt", {}, s.billTotal),
        h("dd", {}, fmt(p.total)),
        p.paid ? h("dt", {}, s.paid) : null,
        p.paid ? h("dd", {}, fmt(p.paid)) : null,
        p.pending ? h("dt", {}, s.beingPaid) : null,
        p.pending ? h("dd", {}, fmt(p.pending)) : null,
        h("dt", { class: "py-left" }, s.left),
        h("dd", { class: "py-left" }, fmt(p.remaining)),
      ),
      p.paid ? h("div", { class: "py-bar", role: "img", "aria-label": `${s.paid} ${share} %` }, h("i", { style: `width:${share}%` })) : null,
      shownPayments.length
        ? h(
            "ul",
            { class: "py-who" },
            ...shownPayments.map((pv) => {
              const done = pv.status !== "pending" && pv.status !== "created";
              const tip = pv.payerId === you && pv.tip ? ` ${fill(s.plusTip, { tip: fmt(pv.tip) })}` : "";
              return h("li", { class: done ? "py-p" : "py-h" }, fill(done ? s.whoPaid : s.whoPaying, { name: who(pv), amount: fmt(pv.amount) }) + tip);
            }),
          )
        : null,
      p.status === "paid"
        ? h("p", { class: "py-done", role: "status" }, s.allPaid)
        : p.remaining > 0
          ? h("button", { type: "button", class: "btn py-pay", "data-key": "py-pay", "aria-haspopup": "dialog" }, fill(s.payLeft, { amount: fmt(p.remaining) }))
          : null,
    );
  }

  /** "Paid" / "Being paid" beside each ordered item the bill has. */
  function marks(b: BillView | null) {
    const all = b ? itemMarks(b) : new Map();
    for (const li of input.root.querySelectorAll<HTMLElement>("li[data-item]")) {
      const mark = all.get(li.dataset.item!);
      if (mark) li.append(h("span", { class: `py-mark py-m-${mark}` }, mark === "paid" ? s.markPaid : s.markHeld));
    }
  }

  return {
    update() {
      const b = bill();
      const key = b ? JSON.stringify([b.progress, b.payments, link.you, link.view?.diners.map((d) => d.name)]) : "";
      if (key !== shown) {
        shown = key;
        rebuild(input.box, [b && b.progress.total > 0 ? summary(b) : null]);
        if (b) sheet?.billChanged(b);
        else sheet?.close();
      }
      marks(b);
      back?.update();
    },
  };
}
