// The pay sheet: how to pay (whole bill, even split, items, custom amount), the tip and the wallet,
// each priced before the guest commits; Pay starts the payment and hands the guest to the wallet.
// A modal dialog built of real radios, checkboxes and labels: usable by keyboard and screen reader.
import type { BillView, PaymentView, TipChoice, WalletType } from "../../../../src/table/protocol";
import { WALLETS } from "../../../../src/domain/payments/wallets";
import { h, rebuild, type Child } from "./dom";
import { billLines, maxTipFor, modesOpen, ownFree, parseAmount, partsRange, presetsFor, priceOf, shareRows, type Choice, type Mode, type Priced } from "./price";
import { fill, payRefusal, type PayStrings } from "./strings";
import type { PayContext } from "./index";

interface State {
  mode: Mode;
  parts: number;
  count: number;
  itemIds: Set<string>;
  amountText: string;
  /** "none", "custom" or a preset's basis points. */
  tip: string;
  tipText: string;
  wallet: WalletType | null;
  error: string;
  notice: string;
  busy: boolean;
  /** Sent with the payment; kept while the same choice is retried after a lost answer. */
  requestId: string;
  /** The price last shown, to say so when it moved under the guest's eyes. */
  shownAt: string;
}

export interface SheetOptions {
  /** Start on the wallet choice (after a payment the wallet declined), avoiding this one. */
  avoidWallet?: WalletType | null;
}

const MODES: Mode[] = ["whole", "shares", "items", "amount"];
const newId = () => `req_${crypto.randomUUID()}`;

export class PaySheet {
  private readonly dlg: HTMLDialogElement;
  private readonly form: HTMLFormElement;
  private readonly st: State;
  private preselected: WalletType | null = null;
  private bill: BillView;

  constructor(
    private readonly ctx: PayContext,
    bill: BillView,
    private readonly onClose: () => void,
    opts: SheetOptions = {},
  ) {
    this.bill = bill;
    const s = ctx.s;
    const p = bill.progress;
    const open = modesOpen(bill);
    const own = ownFree(bill, ctx.link.you);
    // While an even split is under way its shares come first; otherwise the whole bill.
    const mode: Mode = p.split && open.shares ? "shares" : open.whole ? "whole" : (MODES.find((m) => open[m]) ?? "whole");
    const guests = ctx.link.view?.diners.filter((d) => !d.staff).length ?? 2;
    const range = partsRange(bill);
    this.st = {
      mode,
      parts: Math.min(range.max, Math.max(range.min, guests)),
      count: 1,
      itemIds: new Set(own),
      amountText: "",
      tip: "none",
      tipText: "",
      wallet: null,
      error: "",
      notice: "",
      busy: false,
      requestId: newId(),
      shownAt: "",
    };
    this.st.wallet = this.pickWallet(opts.avoidWallet ?? null);
    this.dlg = h("dialog", { class: "py-dlg", "aria-labelledby": "py-title" }) as HTMLDialogElement;
    this.form = h("form", { class: "dlg py-sheet", novalidate: true }) as HTMLFormElement;
    this.dlg.append(this.form);
    this.dlg.addEventListener("close", () => (this.dlg.remove(), this.onClose()));
    this.dlg.addEventListener("click", (e) => e.target === this.dlg && this.close());
    this.form.addEventListener("change", (e) => this.changed(e.target as HTMLInputElement));
    this.form.addEventListener("input", (e) => this.typed(e.target as HTMLInputElement));
    this.form.addEventListener("click", (e) => this.clicked(e));
    this.form.addEventListener("submit", (e) => (e.preventDefault(), void this.pay()));
    document.body.append(this.dlg);
    this.render();
    this.dlg.showModal();
    if (opts.avoidWallet) this.form.querySelector<HTMLElement>("input[name=wallet]:checked")?.focus();
    void this.loadPreselected();
  }

  close(): void {
    if (this.dlg.open) this.dlg.close();
  }

  /** The table's bill changed (someone paid, a round was sent): re-price what is on screen. */
  billChanged(bill: BillView): void {
    this.bill = bill;
    const marks = new Set([...bill.progress.itemsHeld, ...bill.progress.itemsPaid]);
    for (const id of [...this.st.itemIds]) if (marks.has(id)) this.st.itemIds.delete(id);
    const range = partsRange(bill);
    this.st.parts = Math.min(range.max, Math.max(range.min, this.st.parts));
    const before = this.st.shownAt;
    this.render();
    if (before && this.st.shownAt !== before && !this.st.busy) {
      this.st.notice = this.ctx.s.changed;
      this.render();
    }
  }

  // ------------------------------------------------------------------------------------------

  private pickWallet(avoid: WalletType | null): WalletType | null {
    const accepted = this.bill.wallets;
    if (avoid) return accepted.find((w) => w !== avoid) ?? avoid;
    if (this.preselected && accepted.includes(this.preselected)) return this.preselected;
    return accepted[0] ?? null;
  }

  /** The server knows the guest's wallet app from the user agent: it is preselected (unless already chosen by hand). */
  private async loadPreselected() {
    const res = await this.ctx.link.api("GET", "/session/bill");
    if (!res || res.status !== 200) return;
    const pre = res.json.preselected as WalletType | null;
    if (pre && this.bill.wallets.includes(pre) && !this.st.notice && !this.touchedWallet) {
      this.preselected = pre;
      this.st.wallet = pre;
      this.render();
    }
  }

  private touchedWallet = false;

  private choice(): Choice {
    const st = this.st;
    const digits = this.ctx.digits;
    const tip: TipChoice =
      st.tip === "none" ? { kind: "none" } : st.tip === "custom" ? { kind: "custom", amount: parseAmount(st.tipText, digits) ?? -1 } : { kind: "preset", bp: Number(st.tip) };
    return { mode: st.mode, parts: st.parts, count: st.count, itemIds: [...st.itemIds], amount: parseAmount(st.amountText, digits) ?? 0, tip };
  }

  private priced(mode: Mode = this.st.mode): Priced {
    return priceOf(this.bill, { ...this.choice(), mode, tip: mode === this.st.mode ? this.choice().tip : { kind: "none" } });
  }

  private changed(el: HTMLInputElement) {
    const st = this.st;
    if (el.name === "mode") st.mode = el.value as Mode;
    else if (el.name === "tip") st.tip = el.value;
    else if (el.name === "wallet") ((st.wallet = el.value as WalletType), (this.touchedWallet = true));
    else if (el.name === "item") el.checked ? st.itemIds.add(el.value) : st.itemIds.delete(el.value);
    else return;
    st.error = "";
    st.requestId = newId();
    this.render();
  }

  private typed(el: HTMLInputElement) {
    if (el.name === "amount") this.st.amountText = el.value;
    else if (el.name === "tipAmount") this.st.tipText = el.value;
    else return;
    this.st.error = "";
    this.st.requestId = newId();
    this.render();
  }

  private clicked(e: Event) {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-py-step], button[data-x]");
    if (!b) return;
    if (b.dataset.x !== undefined) return this.close();
    const [what, by] = b.dataset.pyStep!.split(":") as ["parts" | "count", string];
    const range = partsRange(this.bill);
    const st = this.st;
    if (what === "parts") st.parts = Math.min(range.max, Math.max(range.min, st.parts + Number(by)));
    else st.count = Math.max(1, st.count + Number(by));
    st.count = Math.min(st.count, this.openShares());
    st.requestId = newId();
    this.render();
  }

  private openShares(): number {
    return Math.max(1, shareRows(this.bill, this.st.parts, 0).filter((r) => r.state === "open").length);
  }

  private async pay() {
    const st = this.st;
    const s = this.ctx.s;
    if (st.busy) return;
    const p = this.priced();
    if (!p.ok || !st.wallet) {
      st.error = p.ok ? s.choose : this.refusal(p.error.code, p.error.details);
      return this.render();
    }
    st.busy = true;
    st.error = "";
    this.render();
    const res = await this.ctx.link.api("POST", "/session/payments", {
      request: p.request,
      tip: this.choice().tip,
      wallet: st.wallet,
      shown: { amount: p.amount, tip: p.tip },
      requestId: st.requestId,
    });
    const redirect = res?.status === 201 ? (res.json.redirectUrl as string | undefined) : undefined;
    if (redirect) {
      this.ctx.remember((res!.json.payment as PaymentView).id);
      return location.assign(redirect);
    }
    st.busy = false;
    const error = res?.json.error;
    if (!res) st.error = payRefusal(s, "unavailable");
    else {
      st.requestId = newId();
      st.error = error ? this.refusal(error.code, error.details) : s.e_other;
      if (error?.code === "amount_changed") {
        // The new price, as the sheet now shows it (bill part and tip), and the guest asked again.
        await this.reload();
        const now = this.priced();
        st.error = now.ok ? payRefusal(s, "amount_changed", { amount: this.ctx.fmt(now.amount + now.tip) }) : this.refusal(now.error.code, now.error.details);
      }
    }
    this.render();
    this.form.querySelector<HTMLElement>(".py-err")?.focus();
  }

  /** The bill from the server (the socket may be behind after a refusal). */
  private async reload() {
    const res = await this.ctx.link.api("GET", "/session/bill");
    const bill = res?.status === 200 ? (res.json.bill as BillView | null) : null;
    if (bill) this.bill = bill;
  }

  private refusal(code: string, details?: Record<string, unknown>): string {
    const amount = typeof details?.amount === "number" ? this.ctx.fmt(details.amount) : "";
    return payRefusal(this.ctx.s, code, { amount });
  }

  private render() {
    const { s, fmt } = this.ctx;
    const st = this.st;
    const b = this.bill;
    const p = b.progress;
    const open = modesOpen(b);
    const priced = this.priced();
    st.shownAt = priced.ok ? `${priced.amount}+${priced.tip}` : "";
    const total = priced.ok ? fmt(priced.amount + priced.tip) : "";

    const modeOpt = (m: Mode) => {
      const q = this.priced(m);
      const hint = !open[m] ? (p.split && p.free === 0 && (m === "items" || m === "amount") ? s.splitBusy : s.notNow) : m === "whole" ? s.wholeRest : "";
      return h(
        "label",
        { class: "py-opt" },
        h("input", { type: "radio", name: "mode", value: m, checked: st.mode === m, disabled: !open[m], "data-key": `mode-${m}` }),
        h("span", { class: "py-l" }, s[m], hint ? h("small", {}, hint) : null),
        open[m] && q.ok && m !== "amount" ? h("span", { class: "py-amt" }, fmt(q.amount)) : null,
      );
    };

    const tipBase = priced.ok ? priced.amount : 0;
    const tipOpt = (value: string, label: string, amount: number | null) =>
      h(
        "label",
        { class: "py-opt" },
        h("input", { type: "radio", name: "tip", value, checked: st.tip === value, "data-key": `tip-${value}` }),
        h("span", { class: "py-l" }, label),
        amount !== null ? h("span", { class: "py-amt" }, fmt(amount)) : null,
      );
    const percent = (bp: number) => `${(bp / 100).toLocaleString(this.ctx.lang)} %`;

    const children: Child[] = [
      h(
        "header",
        {},
        h("div", {}, h("h2", { id: "py-title" }, s.title), h("p", { class: "py-sub" }, fill(s.leftOf, { left: fmt(p.remaining), total: fmt(p.total) }))),
        h("button", { type: "button", class: "x", "data-x": "", "aria-label": s.close, "data-key": "x" }, "×"),
      ),
      st.notice ? h("p", { class: "py-note", role: "status" }, st.notice) : null,
      h("fieldset", {}, h("legend", {}, s.how), ...MODES.map(modeOpt)),
      this.detail(),
      h(
        "fieldset",
        { class: "py-tips" },
        h("legend", {}, s.tip),
        tipOpt("none", s.noTip, null),
        ...presetsFor(b, tipBase).map((t) => tipOpt(String(t.bp), percent(t.bp), priced.ok ? t.amount : null)),
        b.tips.custom ? tipOpt("custom", s.customTip, null) : null,
      ),
      st.tip === "custom" ? this.field("tipAmount", fill(s.tipLabel, { max: fmt(maxTipFor(b, tipBase)) }), st.tipText) : null,
      h(
        "fieldset",
        {},
        h("legend", {}, s.wallet),
        ...b.wallets.map((w) =>
          h(
            "label",
            { class: "py-opt" },
            h("input", { type: "radio", name: "wallet", value: w, checked: st.wallet === w, "data-key": `wallet-${w}` }),
            h("span", { class: "py-l" }, WALLETS[w]?.name ?? w),
          ),
        ),
      ),
      h(
        "div",
        { class: "py-foot" },
        h(
          "p",
          { class: "py-total", "aria-live": "polite" },
          h("strong", {}, priced.ok ? fill(s.youPay, { total }) : s.choose),
          priced.ok ? h("span", {}, `(${fill(s.breakdown, { bill: fmt(priced.amount), tip: fmt(priced.tip) })})`) : null,
        ),
        h("p", { class: "py-err", role: "alert", tabindex: "-1" }, st.error || (!priced.ok && this.typedBad(priced)) || ""),
        h("button", { type: "submit", class: "add py-go", disabled: st.busy || !priced.ok || !st.wallet, "data-key": "go" }, st.busy ? s.sending : priced.ok ? fill(s.payNow, { total }) : s.pay),
      ),
    ];
    rebuild(this.form, children);
  }

  /** A message for a typed amount or tip that cannot be paid (empty fields say nothing yet). */
  private typedBad(p: Priced): string {
    if (p.ok) return "";
    const { s, fmt } = this.ctx;
    const st = this.st;
    if (st.mode === "amount" && st.amountText.trim() && ["invalid_amount", "exceeds_remaining"].includes(p.error.code)) return fill(s.amountBad, { max: fmt(this.bill.progress.free) });
    if (p.error.code === "invalid_tip" && st.tipText.trim()) {
      const base = priceOf(this.bill, { ...this.choice(), tip: { kind: "none" } });
      return fill(s.tipBad, { max: fmt(base.ok ? maxTipFor(this.bill, base.amount) : 0) });
    }
    return "";
  }

  private field(name: string, label: string, value: string) {
    return h("label", { class: "py-field" }, label, h("input", { type: "text", name, value, inputmode: "decimal", autocomplete: "off", "data-key": name }));
  }

  private stepper(what: "parts" | "count", label: string, value: number, min: number, max: number) {
    const s = this.ctx.s;
    return h(
      "div",
      { class: "py-step", role: "group", "aria-label": label },
      h("span", {}, label),
      h(
        "span",
        { class: "qty" },
        h("button", { type: "button", "data-py-step": `${what}:-1`, "data-key": `${what}-less`, "aria-label": `${label}: ${s.less}`, disabled: value <= min }, "−"),
        h("output", { "aria-live": "polite" }, String(value)),
        h("button", { type: "button", "data-py-step": `${what}:1`, "data-key": `${what}-more`, "aria-label": `${label}: ${s.more}`, disabled: value >= max }, "+"),
      ),
    );
  }

  private detail(): HTMLElement | null {
    const { s, fmt } = this.ctx;
    const st = this.st;
    const b = this.bill;
    if (st.mode === "shares") {
      const range = partsRange(b);
      const rows = shareRows(b, st.parts, st.count);
      const label = { paid: s.markPaid, held: s.markHeld, mine: s.yours, open: s.shareFree };
      return h(
        "div",
        { class: "py-detail" },
        range.fixed ? h("p", {}, fill(s.sharesFixed, { n: st.parts })) : this.stepper("parts", s.sharesInto, st.parts, range.min, range.max),
        this.stepper("count", s.sharesMine, st.count, 1, this.openShares()),
        h(
          "ul",
          { class: "py-shares" },
          ...rows.map((r) => h("li", { class: `py-s-${r.state}` }, h("span", {}, `${fill(s.share, { n: r.index + 1 })} · ${label[r.state]}`), h("span", { class: "py-amt" }, fmt(r.amount)))),
        ),
      );
    }
    if (st.mode === "items") {
      const you = this.ctx.link.you;
      return h(
        "fieldset",
        { class: "py-detail" },
        h("legend", {}, s.items),
        h("p", {}, s.itemsHint),
        ...billLines(b).map(({ line, mark }) =>
          h(
            "label",
            { class: "py-opt" },
            h("input", { type: "checkbox", name: "item", value: line.itemId, checked: !mark && st.itemIds.has(line.itemId), disabled: !!mark, "data-key": `item-${line.itemId}` }),
            h(
              "span",
              { class: "py-l" },
              `${line.quantity} × ${this.ctx.itemName(line.itemId) ?? line.name}`,
              mark || line.dinerId === you ? h("small", {}, mark === "paid" ? s.markPaid : mark === "held" ? s.markHeld : s.yours) : null,
            ),
            h("span", { class: "py-amt" }, fmt(line.due)),
          ),
        ),
      );
    }
    if (st.mode === "amount") return h("div", { class: "py-detail" }, this.field("amount", fill(s.amountLabel, { max: fmt(b.progress.free) }), st.amountText));
    return null;
  }
}
