// Back from the wallet (/q/<code>?payment=<id>): what became of the payment, live. The table's
// socket brings the bill (and this payment) as it changes; asking the server over HTTP is the
// fallback when the socket is down or has not carried it yet. A payment that did not go through
// says so and offers the next step: try again, another wallet, or the staff.
import type { PaymentView, WalletType } from "../../../../src/table/protocol";
import { h, rebuild } from "./dom";
import { fill } from "./strings";
import type { PayContext } from "./index";
import type { SheetOptions } from "./sheet";

type Phase = "unknown" | "pending" | "paid" | "failed" | "cancelled" | "expired";

const FAST_MS = 3_000;
const SLOW_MS = 10_000;

const phaseOf = (p: PaymentView | null): Phase => {
  if (!p) return "unknown";
  switch (p.status) {
    case "created":
    case "pending":
      return "pending";
    case "succeeded":
    case "partly_refunded":
    case "refunded":
      return "paid";
    case "failed":
      return "failed";
    case "cancelled":
      return p.reason === "expired" ? "expired" : "cancelled";
  }
};

export class PaymentReturn {
  private readonly dlg: HTMLDialogElement;
  private readonly body: HTMLElement;
  private payment: PaymentView | null = null;
  /** From the last HTTP answer: the socket's view wins when it has the payment. */
  private polled: PaymentView | null = null;
  /** The signed receipt link, when the server's answer carries one (`paymentReceiptUrl`, else `receiptUrl`). */
  private receipt = "";
  private timer?: ReturnType<typeof setTimeout>;
  private staffTold = false;
  private busy = false;
  private rendered = "";

  constructor(
    private readonly ctx: PayContext,
    private readonly id: string,
    private readonly on: { again: (opts: SheetOptions) => void; closed: () => void },
  ) {
    this.dlg = h("dialog", { class: "py-dlg", "aria-labelledby": "py-back-title" }) as HTMLDialogElement;
    this.body = h("div", { class: "dlg py-back" });
    this.dlg.append(this.body);
    this.dlg.addEventListener("close", () => {
      clearTimeout(this.timer);
      this.dlg.remove();
      this.on.closed();
    });
    this.body.addEventListener("click", (e) => this.clicked(e));
    document.body.append(this.dlg);
    this.render();
    this.dlg.showModal();
    this.body.querySelector<HTMLElement>("h2")?.focus();
    void this.poll();
  }

  /** The live cart changed: the socket may carry this payment's new state. */
  update(): void {
    const live = this.ctx.link.view?.bill?.payments.find((p) => p.id === this.id) ?? null;
    this.payment = live ?? this.polled;
    this.render();
  }

  private async poll() {
    clearTimeout(this.timer);
    const res = await this.ctx.link.api("GET", `/session/payments/${encodeURIComponent(this.id)}`);
    if (res?.status === 200) {
      this.polled = res.json.payment as PaymentView;
      // This payment's own receipt (the whole bill is on it too).
      const receipt = res.json.paymentReceiptUrl ?? res.json.receiptUrl;
      if (typeof receipt === "string" && receipt.startsWith("/receipt/")) this.receipt = receipt;
    }
    this.update();
    const phase = phaseOf(this.payment);
    if (phase !== "pending" && phase !== "unknown") return;
    // The socket carries changes as they happen; polling is the fallback, quick while it is down.
    const liveHasIt = this.ctx.link.state === "live" && this.ctx.link.view?.bill?.payments.some((p) => p.id === this.id);
    this.timer = setTimeout(() => void this.poll(), liveHasIt ? SLOW_MS : FAST_MS);
  }

  private async clicked(e: Event) {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-do]");
    if (!b || this.busy) return;
    const wallet = this.payment?.wallet ?? null;
    switch (b.dataset.do) {
      case "again":
      case "wallet": {
        const opts: SheetOptions = b.dataset.do === "wallet" ? { avoidWallet: wallet as WalletType | null } : {};
        this.dlg.close();
        return this.on.again(opts);
      }
      case "staff":
        this.busy = true;
        this.staffTold = await this.ctx.callStaff();
        this.busy = false;
        return this.render(true);
      case "cancel":
        this.busy = true;
        this.render(true);
        await this.ctx.link.api("POST", `/session/payments/${encodeURIComponent(this.id)}/cancel`);
        this.busy = false;
        return void this.poll();
      case "close":
        return this.dlg.close();
    }
  }

  private render(force = false) {
    const { s, fmt } = this.ctx;
    const p = this.payment;
    const phase = phaseOf(p);
    const key = `${phase}|${p?.status}|${p?.reason}|${this.staffTold}|${this.busy}|${this.receipt}`;
    if (key === this.rendered && !force) return;
    this.rendered = key;
    const total = p ? fmt(p.amount + p.tip) : "";
    const title = { unknown: s.unknownT, pending: s.pendingT, paid: s.paidT, failed: s.failedT, cancelled: s.cancelledT, expired: s.expiredT }[phase];
    const text = { unknown: s.unknownB, pending: s.pendingB, paid: s.paidB, failed: s.failedB, cancelled: s.cancelledB, expired: s.expiredB }[phase];
    const tone = phase === "paid" ? "py-st-paid" : phase === "pending" || phase === "unknown" ? "py-st-pending" : "py-st-bad";
    const button = (what: string, label: string, first = false) =>
      h("button", { type: "button", class: `btn${first ? " py-first" : ""}`, "data-do": what, "data-key": `back-${what}`, disabled: this.busy }, label);
    const staff = this.staffTold ? h("p", { role: "status" }, s.staffTold) : button("staff", s.askStaff);
    const retry = phase === "failed" || phase === "cancelled" || phase === "expired";
    rebuild(this.body, [
      h(
        "header",
        {},
        h("h2", { id: "py-back-title", class: tone, tabindex: "-1" }, title),
        h("button", { type: "button", class: "x", "data-do": "close", "aria-label": s.close, "data-key": "back-x" }, "×"),
      ),
      h(
        "div",
        { role: "status", "aria-live": "polite" },
        p ? h("p", { class: `py-big ${tone}` }, total) : null,
        h("p", {}, fill(text, { total })),
      ),
      h(
        "div",
        { class: "py-acts" },
        retry ? button("again", s.tryAgain, true) : null,
        retry && this.ctx.link.view?.bill && this.ctx.link.view.bill.wallets.length > 1 ? button("wallet", s.otherWallet) : null,
        phase === "paid" && this.receipt ? h("a", { class: "btn", href: this.receipt, target: "_blank", rel: "noopener", "data-key": "back-receipt" }, s.receipt) : null,
        phase === "pending" ? button("cancel", s.cancelPay) : null,
        retry || phase === "unknown" || phase === "pending" ? staff : null,
        phase === "paid" || phase === "pending" || phase === "unknown" ? button("close", s.done, phase === "paid") : null,
      ),
    ]);
  }
}
