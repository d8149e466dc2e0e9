// The live shared cart on the guest table page: who is at the table, each diner's lines, rounds
// and their item states, service calls, and the connection state. Plain DOM, rebuilt on change.
import { cartTotal, orderedTotal, waitingFor, type GuestMenuState, type LineView, type ShownCart, type TableView, type Translated } from "../../../src/table/protocol";
import { CART_LIMITS } from "../../../src/domain/cart/limits";
import { applyMenu, canAdd } from "./dishes";
import { openEdit } from "./edit";
import { Admission } from "./admission";
import { TableLink, type Action, type Pending, type Refusal } from "./link";
import { refusal, stringsFor, type Strings } from "./strings";
import { CSS } from "./style";
import type { Pay } from "./pay/index";

interface AddDetail {
  dishId: string;
  optionIds: string[];
  quantity: number;
  note: string;
}

type Child = Node | string | null | false | undefined;

function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== false) el.setAttribute(k, v === true ? "" : v);
  for (const c of children) if (c) el.append(c);
  return el;
}

/** "Table T4" for short names like T4 or 12; longer names ("Terrace 4") stand alone (as the page header does). */
const tableLabel = (name: string, s: Strings) => (!/\s/.test(name) && name.length <= 6 ? `${s.table} ${name}` : name);

/** What the page shows of the cart right now: sent with Send, so the table charges nothing else. */
const shownOf = (v: TableView): ShownCart => ({
  total: cartTotal(v),
  lines: v.lines.map((l) => ({ id: l.id, unitPrice: l.unitPrice, quantity: l.quantity })),
});

const FLASH_MS = 2500;

export function startLive(root: HTMLElement): void {
  const code = root.dataset.tableCode ?? "";
  const lang = root.dataset.lang || document.documentElement.lang || "en";
  const s = stringsFor(lang);
  const money = new Intl.NumberFormat(lang, { style: "currency", currency: root.dataset.currency || "EUR" });
  const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
  const fmt = (minor: number) => money.format(minor / 10 ** digits);
  const time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
  const text = (t: Translated) => t[lang] ?? t[lang.split("-")[0]!] ?? Object.values(t)[0] ?? "";
  const dishName = (dishId: string) => document.getElementById(`n-${dishId}`)?.textContent ?? "";
  let notice = "";
  /** The notice is a refusal (shown as a warning, not as a success). */
  let noticeBad = false;
  let editing: "name" | "note" | null = null;
  /** A short word in the sticky bar about the last Add (it never covers the page). */
  let flash: { text: string; bad: boolean } | null = null;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  let newDishes = 0;

  document.head.append(h("style", {}, CSS));
  // Always within reach of the thumb: what the table has in the cart, the connection, a call button.
  const bar = h("div", { class: "lv-bar", role: "region", "aria-label": s.cart });
  const barStatus = h("p", { class: "lv-sr", role: "status", "aria-live": "polite" });
  document.body.append(bar, barStatus);
  document.body.classList.add("lv-has-bar");
  const onMenu = (menu: GuestMenuState) => {
    newDishes = applyMenu(menu, s, fmt);
    render();
  };
  const link = new TableLink(code, () => render(), onMenu);
  // Joining a seated party, letting others in, a paused table (admission.ts).
  const adm = new Admission(link, code, lang, () => render());
  // Paying (pay/): a chunk of its own, loaded once the table has a bill or the guest is back from a wallet.
  const payBox = h("div", { class: "lv-pay" });
  const payBack = new URLSearchParams(location.search).has("payment");
  let pay: Pay | null | undefined;
  function loadPay() {
    if (pay !== undefined) return;
    pay = null;
    void import("./pay/index").then((m) => {
      const callStaff = async () => !(await link.do({ type: "call", kind: "waiter" }));
      pay = m.mountPay({ box: payBox, root, lang, fmt, digits, link, callStaff });
      render();
    });
  }

  function say(message: string, bad = false) {
    flash = { text: message, bad };
    barStatus.textContent = message;
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => {
      flash = null;
      render();
    }, FLASH_MS);
    render();
  }

  function refused(error: Refusal, action: Action): string {
    const own = adm.refusal(error);
    if (own) return own;
    if (error.code === "prices_changed") return s.e_prices_changed.replace("{total}", fmt(Number(error.details?.total ?? 0)));
    if (error.code === "sold_out" && action.type === "op" && action.op.op === "add") return s.e_add_sold_out;
    return refusal(s, error);
  }

  async function act(action: Action, ok: string | (() => string) = "") {
    const error = await link.do(action);
    notice = error ? refused(error, action) : typeof ok === "function" ? ok() : ok;
    noticeBad = !!error;
    render();
    return error;
  }

  document.addEventListener("tableside:add", (e) => {
    const d = (e as CustomEvent<AddDetail>).detail;
    const name = dishName(d.dishId);
    // The table said a moment ago that it cannot be added: no round trip to be told again.
    if (!canAdd(link.menu, d.dishId)) return say(s.e_add_sold_out, true);
    const action: Action = { type: "op", op: { op: "add", dishId: d.dishId, optionIds: d.optionIds, quantity: d.quantity, note: d.note } };
    const waiting = link.state !== "live";
    if (waiting) say(`${name} · ${s.queued}`);
    void act(action).then((error) => {
      if (error) say(refused(error, action), true);
      else say(`${s.addedOk}: ${name}`);
    });
  });

  const onClick = (e: Event) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-act]");
    if (!b || adm.click(b)) return;
    const id = b.dataset.id ?? "";
    const line = link.view?.lines.find((l) => l.id === id);
    switch (b.dataset.act) {
      case "less":
        if (line) void act({ type: "op", op: line.quantity > 1 ? { op: "update", lineId: id, quantity: line.quantity - 1 } : { op: "remove", lineId: id } });
        return;
      case "more":
        if (line) void act({ type: "op", op: { op: "update", lineId: id, quantity: Math.min(CART_LIMITS.maxQuantity, line.quantity + 1) } });
        return;
      case "remove":
        return void act({ type: "op", op: { op: "remove", lineId: id } });
      case "opts":
        if (line)
          openEdit(line, {
            s,
            title: text(line.name),
            fmt,
            // Offline, the change waits in the queue like any other and its answer shows below the cart.
            save: (op) => (link.state === "live" ? link.do({ type: "op", op }).then((e) => e && refusal(s, e)) : (void act({ type: "op", op }), Promise.resolve(null))),
            onClose: () => root.querySelector<HTMLElement>(`[data-key="opts-${id}"]`)?.focus(),
          });
        return;
      case "take":
        return void act({ type: "op", op: { op: "take_over", lineId: id } });
      case "send":
        if (!link.view) return;
        // When every diner must confirm, a press may only confirm: the view says which it was.
        return void act({ type: "submit", shown: shownOf(link.view) }, () => (link.view?.access.awaitingStaff ? adm.a.awaitingStaff : link.view?.confirmed.includes(link.you) ? s.confirmedOk : s.sentOk));
      case "call":
        return void act({ type: "call", kind: id as "waiter" | "water" | "bill" }, s.callSent);
      case "edit":
        editing = id as "name" | "note";
        render();
        root.querySelector<HTMLInputElement>("form input")?.focus();
        return;
      case "again":
        return void link.rejoin();
      case "reload":
        return location.reload();
      case "show":
        root.scrollIntoView({ behavior: "smooth", block: "start" });
        root.querySelector<HTMLElement>("h3")?.setAttribute("tabindex", "-1");
        root.querySelector<HTMLElement>("h3")?.focus({ preventScroll: true });
        return;
    }
  };
  root.addEventListener("click", onClick);
  bar.addEventListener("click", onClick);

  root.addEventListener("submit", (e) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (adm.submit(form)) return;
    const value = (form.querySelector("input")?.value ?? "").trim();
    const kind = editing;
    editing = null;
    if (value && kind === "name") void act({ type: "rename", name: value });
    else if (value && kind === "note") void act({ type: "call", kind: "note", note: value }, s.callSent);
    else render();
  });

  function render() {
    // Keep keyboard focus on the same control across rebuilds.
    const focused = (document.activeElement as HTMLElement | null)?.closest?.("[data-key]")?.getAttribute("data-key");
    if (editing && root.querySelector("form input") === document.activeElement) return;
    root.replaceChildren(...(view(link.view).filter(Boolean) as (Node | string)[]));
    if (link.view?.bill || payBack) loadPay();
    pay?.update();
    bar.replaceChildren(...barView(link.view));
    // After staff moved the party, the page header names the new table too.
    const header = document.querySelector(".top .tbl");
    if (header && link.view?.tableName) header.textContent = tableLabel(link.view.tableName, s);
    if (focused) (root.querySelector<HTMLElement>(`[data-key="${focused}"]`) ?? bar.querySelector<HTMLElement>(`[data-key="${focused}"]`))?.focus();
  }

  /** One waiting action in words: "Add 2 × Burger", "Send the order"… */
  function pendingLabel(p: Pending): string {
    const a = p.action;
    if (a.type === "op") {
      if (a.op.op === "add") return `${s.qAdd} ${a.op.quantity} × ${dishName(a.op.dishId)}`;
      return a.op.op === "remove" ? s.qRemove : a.op.op === "take_over" ? s.qTake : s.qChange;
    }
    if (a.type === "submit") return s.qSend;
    if (a.type === "call") return a.kind === "note" ? `${s.note}: ${a.note ?? ""}` : `${s.qCall}: ${s[a.kind]}`;
    if (a.type === "rename") return s.qRename;
    return s.qOther;
  }

  /** The signed receipt link of the bill the session ended paid with ("" while it loads or if it cannot). */
  let receipt: string | null = null;
  function loadReceipt(billId: string) {
    receipt = "";
    void link.api("GET", `/session/receipt/${encodeURIComponent(billId)}`).then((res) => {
      const url = res?.status === 200 ? (res.json as { receiptUrl?: unknown }).receiptUrl : null;
      if (typeof url === "string" && url.startsWith("/receipt/")) {
        receipt = url;
        render();
      }
    });
  }

  function view(v: TableView | null): Child[] {
    const gate = adm.gate(h);
    if (gate || link.state === "waiting" || link.state === "replaced") return gate ?? [];
    const paid = link.state === "ended" && link.paidBill !== null;
    const state = h("p", { class: `lv-state lv-${link.state}`, role: "status" }, paid ? s.paidEnded : s[link.state === "ended" ? "ended" : link.state]);
    if (link.state === "ended" || !v) {
      if (paid && receipt === null) loadReceipt(link.paidBill!);
      const receiptLink = paid && receipt ? h("a", { class: "btn", href: receipt, target: "_blank", rel: "noopener" }, s.receipt) : null;
      return [state, receiptLink, link.state === "ended" ? h("button", { class: "btn", "data-act": "again", "data-key": "again" }, s.again) : null];
    }
    // Default names ("Guest 2") come from the server in English; shown in the guest's language.
    const shown = (name: string) => (/^Guest \d+$/.test(name) ? name.replace("Guest", s.guest) : name);
    const names = new Map(v.diners.map((d) => [d.id, shown(d.name)]));
    const online = new Map(v.diners.map((d) => [d.id, d.online]));
    const staff = new Set(v.diners.filter((d) => d.staff).map((d) => d.id));
    const guests = v.diners.filter((d) => !d.staff);
    const byDiner = new Map<string, LineView[]>();
    for (const l of v.lines) byDiner.set(l.dinerId, [...(byDiner.get(l.dinerId) ?? []), l]);
    const me = names.get(link.you) ?? "";
    const waiting = v.requireAllConfirm ? waitingFor(v) : [];
    const blocked = v.lines.some((l) => l.problem);
    // "The staff have been told" gives way to "Seen by staff" once they have.
    const myCalls = v.calls.filter((c) => c.dinerId === link.you);
    if (notice === s.callSent && myCalls.length && myCalls.every((c) => c.ackedAt)) notice = "";
    const who = (id: string) => `${names.get(id) ?? ""}${online.get(id) === false ? ` (${s.away})` : ""}`;

    return [
      h("div", { class: "lv-top" }, h("strong", {}, tableLabel(v.tableName, s)), state),
      ...adm.seated(h, v),
      h(
        "p",
        { class: "lv-who" },
        `${guests.length} ${s.people}: `,
        ...v.diners.map((d) =>
          h(
            "span",
            { class: `lv-d ${d.online ? "on" : "away"}`, title: d.online ? s.live : undefined },
            d.id === link.you ? `${shown(d.name)} (${s.you})` : shown(d.name),
            d.online ? null : h("small", {}, ` · ${s.away}`),
          ),
        ),
      ),
      editing === "name"
        ? h("form", { class: "lv-form" }, h("label", {}, s.yourName, h("input", { value: me, maxlength: String(CART_LIMITS.maxDinerNameLength), "data-key": "name-in" })), h("button", { class: "btn" }, s.save))
        : h("button", { class: "lv-link", "data-act": "edit", "data-id": "name", "data-key": "rename" }, s.rename),
      newDishes ? h("p", { class: "lv-muted" }, `${s.menuNew} `, h("button", { class: "lv-link", "data-act": "reload", "data-key": "reload" }, s.reload)) : null,
      h("h3", {}, s.cart),
      v.lines.length === 0 ? h("p", { class: "lv-muted" }, s.empty) : null,
      ...[...byDiner].map(([dinerId, lines]) =>
        h(
          "div",
          { class: "lv-group" },
          h("p", { class: "lv-owner" }, dinerId === link.you ? `${names.get(dinerId)} (${s.you})` : (names.get(dinerId) ?? "")),
          h("ul", { class: "lv-lines" }, ...lines.map((l) => lineItem(l, dinerId === link.you, names, v.requireAllConfirm && !staff.has(l.addedBy)))),
        ),
      ),
      v.lines.length ? h("div", { class: "lv-total" }, h("span", {}, s.total), h("strong", {}, fmt(cartTotal(v)))) : null,
      // Who the round waits for, named (away diners too: their dishes wait for them).
      v.lines.length && waiting.length
        ? h(
            "p",
            { class: "lv-wait" },
            `${s.waitingAll} `,
            h("strong", {}, waiting.map(who).join(", ")),
            v.confirmed.length ? ` · ${v.confirmed.map((d) => names.get(d)).join(", ")} ${s.confirmed}` : "",
          )
        : null,
      v.lines.length
        ? h(
            "button",
            // A diner who confirmed may press again once nobody else is awaited (someone left).
            { class: "btn lv-send", "data-act": "send", "data-key": "send", disabled: blocked || v.status === "paying" || (v.confirmed.includes(link.you) && waiting.length > 0) },
            v.requireAllConfirm ? s.confirm : s.send,
          )
        : null,
      h("p", { class: noticeBad ? "lv-note bad" : "lv-note", "aria-live": "polite" }, notice),
      link.queue.length
        ? h(
            "div",
            { class: "lv-queue" },
            h("p", { class: "lv-owner" }, `${s.queueTitle} (${link.queue.length})`),
            h("ul", {}, ...link.queue.map((p) => h("li", {}, pendingLabel(p)))),
          )
        : null,
      v.rounds.length ? h("h3", {}, s.ordered) : null,
      ...v.rounds
        .slice()
        .reverse()
        .map((r) =>
          h(
            "div",
            { class: "lv-round" },
            h("p", { class: "lv-owner" }, `${s.round.replace("#", String(r.no))} · ${time.format(r.submittedAt)}`),
            h(
              "ul",
              { class: "lv-lines" },
              ...r.items.map((i) =>
                h(
                  "li",
                  { "data-item": i.id },
                  h(
                    "span",
                    { class: "lv-name" },
                    `${i.quantity} × ${text(i.name)}`,
                    i.options.length ? h("small", {}, i.options.map((o) => text(o.name)).join(", ")) : null,
                    i.note ? h("small", {}, `“${i.note}”`) : null,
                  ),
                  h("span", { class: `lv-st st-${i.state}` }, s[i.state], i.voidReason ? `: ${i.voidReason}` : ""),
                ),
              ),
            ),
          ),
        ),
      v.rounds.length ? h("div", { class: "lv-total" }, h("span", {}, s.orderedTotal), h("strong", {}, fmt(orderedTotal(v)))) : null,
      payBox,
      v.status !== "open" ? h("p", { class: "lv-muted" }, v.status === "paying" ? s.paying : s.billAsked) : null,
      h("h3", {}, s.service),
      h(
        "div",
        { class: "lv-calls" },
        ...(["waiter", "water", "bill"] as const).map((k) => h("button", { class: "btn", "data-act": "call", "data-id": k, "data-key": `call-${k}` }, s[k])),
        editing === "note"
          ? h("form", { class: "lv-form" }, h("label", {}, s.note, h("input", { maxlength: String(CART_LIMITS.maxNoteLength), "data-key": "note-in" })), h("button", { class: "btn" }, s.noteSend))
          : h("button", { class: "btn", "data-act": "edit", "data-id": "note", "data-key": "call-note" }, s.note),
      ),
      ...myCalls.slice(-3).map((c) => h("p", { class: "lv-muted" }, `${c.kind === "note" ? c.note : s[c.kind]} · ${c.ackedAt ? s.callSeen : s.callSent}`)),
    ];
  }

  /** The sticky bar: the cart (count and total), the connection, what waits to be sent, Call waiter. */
  function barView(v: TableView | null): Node[] {
    if (link.state === "ended" || link.state === "waiting" || link.state === "replaced") return [];
    const count = v ? v.lines.reduce((n, l) => n + l.quantity, 0) : 0;
    const [label, sum] = !v ? [s.barCart, ""] : count ? [`${s.barCart} (${count})`, fmt(cartTotal(v))] : v.rounds.length ? [s.ordered, fmt(orderedTotal(v))] : [s.barCart, ""];
    const conn = ({ connecting: s.stConnecting, live: s.stLive, reconnecting: s.stReconnecting, offline: s.stOffline } as Record<string, string>)[link.state] ?? "";
    const queued = link.queue.length ? ` · ${link.queue.length} ${s.queued}` : "";
    // One line across the bar: the connection and the queue, or for a moment what became of an Add.
    const status = flash
      ? h("p", { class: `lv-bar-sub lv-flash${flash.bad ? " bad" : ""}` }, flash.text)
      : h("p", { class: `lv-bar-sub lv-conn-${link.state}` }, h("i", { class: "lv-dot", "aria-hidden": "true" }), `${conn}${queued}`);
    return [
      status,
      h("button", { class: "lv-bar-cart", "data-act": "show", "data-key": "bar-cart" }, h("span", { class: "lv-bar-main" }, label), sum ? h("span", { class: "lv-bar-sum" }, sum) : null),
      h("button", { class: "btn", "data-act": "call", "data-id": "waiter", "data-key": "bar-call" }, s.waiter),
    ];
  }

  function lineItem(l: LineView, mine: boolean, names: Map<string, string>, adderConfirms: boolean): HTMLElement {
    const problem = l.problem === "sold_out" ? s.soldOut : l.problem === "unavailable" ? s.unavailable : l.problem === "off_menu" ? s.offMenu : "";
    // A line taken over from someone: whose it was, and (every diner confirms) that they confirm it.
    const from = l.addedBy !== l.dinerId ? `${s.addedBy} ${names.get(l.addedBy) ?? ""}${adderConfirms ? `, ${s.mustConfirm}` : ""}` : "";
    return h(
      "li",
      { class: problem ? "lv-bad" : l.priceWas !== null ? "lv-changed" : undefined, "data-line": l.id },
      h(
        "span",
        { class: "lv-name" },
        h("span", { class: "lv-t" }, `${l.quantity} × ${text(l.name)}`),
        l.options.length ? h("small", { class: "lv-t" }, l.options.map((o) => text(o.name)).join(", ")) : null,
        l.note ? h("small", {}, `“${l.note}”`) : null,
        from ? h("small", {}, from) : null,
        l.priceWas !== null && !problem
          ? h("small", { class: "lv-warn lv-was" }, `${s.priceChanged}: `, h("s", {}, fmt(l.priceWas)), ` → ${fmt(l.unitPrice)} ${s.each}`)
          : null,
        problem ? h("small", { class: "lv-warn" }, problem) : null,
      ),
      h("span", { class: "lv-price" }, fmt(l.lineTotal)),
      mine
        ? h(
            "span",
            { class: "lv-qty" },
            h("button", { class: "lv-opts", "data-act": "opts", "data-id": l.id, "data-key": `opts-${l.id}`, "aria-label": `${s.edit}: ${text(l.name)}` }, s.edit),
            h("button", { "data-act": "less", "data-id": l.id, "data-key": `less-${l.id}`, "aria-label": `${s.less}: ${text(l.name)}` }, "−"),
            h("button", { "data-act": "more", "data-id": l.id, "data-key": `more-${l.id}`, "aria-label": `${s.more}: ${text(l.name)}` }, "+"),
            h("button", { "data-act": "remove", "data-id": l.id, "data-key": `rm-${l.id}`, "aria-label": `${s.remove}: ${text(l.name)}` }, "×"),
          )
        : h("button", { class: "lv-link", "data-act": "take", "data-id": l.id, "data-key": `take-${l.id}` }, s.takeOver),
    );
  }

  render();
  void link.start(payBack);
}
