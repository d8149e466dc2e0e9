// The live shared cart on the guest table page: who is at the table, each diner's lines, rounds
// and their item states, service calls, and the connection state. Plain DOM, rebuilt on change.
import { cartTotal, orderedTotal, waitingFor, type LineView, type TableView, type Translated } from "../../../src/table/protocol";
import { CART_LIMITS } from "../../../src/domain/cart/limits";
import { openEdit } from "./edit";
import { TableLink, type Action } from "./link";
import { refusal, stringsFor } from "./strings";
import { CSS } from "./style";

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

export function startLive(root: HTMLElement): void {
  const code = root.dataset.tableCode ?? "";
  const lang = root.dataset.lang || document.documentElement.lang || "en";
  const s = stringsFor(lang);
  const money = new Intl.NumberFormat(lang, { style: "currency", currency: root.dataset.currency || "EUR" });
  const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
  const fmt = (minor: number) => money.format(minor / 10 ** digits);
  const time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
  const text = (t: Translated) => t[lang] ?? t[lang.split("-")[0]!] ?? Object.values(t)[0] ?? "";
  let notice = "";
  let editing: "name" | "note" | null = null;

  document.head.append(h("style", {}, CSS));
  // Always within reach of the thumb: what the table has in the cart, and a call button.
  const bar = h("div", { class: "lv-bar", role: "region", "aria-label": s.cart });
  document.body.append(bar);
  document.body.classList.add("lv-has-bar");
  const link = new TableLink(code, () => render());

  async function act(action: Action, ok: string | (() => string) = "") {
    const error = await link.do(action);
    notice = error ? refusal(s, error) : typeof ok === "function" ? ok() : ok;
    render();
  }

  document.addEventListener("tableside:add", (e) => {
    const d = (e as CustomEvent<AddDetail>).detail;
    void act({ type: "op", op: { op: "add", dishId: d.dishId, optionIds: d.optionIds, quantity: d.quantity, note: d.note } });
  });

  const onClick = (e: Event) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-act]");
    if (!b) return;
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
        // When every diner must confirm, a press may only confirm: the view says which it was.
        return void act({ type: "submit" }, () => (link.view?.confirmed.includes(link.you) ? s.confirmedOk : s.sentOk));
      case "call":
        return void act({ type: "call", kind: id as "waiter" | "water" | "bill" }, s.callSent);
      case "edit":
        editing = id as "name" | "note";
        render();
        root.querySelector<HTMLInputElement>("form input")?.focus();
        return;
      case "again":
        return void link.rejoin();
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
    bar.replaceChildren(...barView(link.view));
    if (focused) root.querySelector<HTMLElement>(`[data-key="${focused}"]`)?.focus();
  }

  function view(v: TableView | null): Child[] {
    const state = h("p", { class: `lv-state lv-${link.state}`, role: "status" }, s[link.state === "ended" ? "ended" : link.state]);
    if (link.state === "ended" || !v) {
      return [state, link.state === "ended" ? h("button", { class: "btn", "data-act": "again", "data-key": "again" }, s.again) : null];
    }
    // Default names ("Guest 2") come from the server in English; shown in the guest's language.
    const shown = (name: string) => (/^Guest \d+$/.test(name) ? name.replace("Guest", s.guest) : name);
    const names = new Map(v.diners.map((d) => [d.id, shown(d.name)]));
    const guests = v.diners.filter((d) => !d.staff);
    const byDiner = new Map<string, LineView[]>();
    for (const l of v.lines) byDiner.set(l.dinerId, [...(byDiner.get(l.dinerId) ?? []), l]);
    const pending = link.queue.length;
    const me = names.get(link.you) ?? "";
    const waiting = v.requireAllConfirm ? waitingFor(v) : [];
    const blocked = v.lines.some((l) => l.problem);

    return [
      h(
        "div",
        { class: "lv-top" },
        h("strong", {}, `${s.table} ${v.tableName}`),
        state,
      ),
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
      h("h3", {}, s.cart),
      v.lines.length === 0 ? h("p", { class: "lv-muted" }, s.empty) : null,
      ...[...byDiner].map(([dinerId, lines]) =>
        h(
          "div",
          { class: "lv-group" },
          h("p", { class: "lv-owner" }, dinerId === link.you ? `${names.get(dinerId)} (${s.you})` : (names.get(dinerId) ?? "")),
          h("ul", { class: "lv-lines" }, ...lines.map((l) => lineItem(l, dinerId === link.you, names))),
        ),
      ),
      v.lines.length
        ? h(
            "div",
            { class: "lv-total" },
            h("span", {}, s.total),
            h("strong", {}, fmt(cartTotal(v))),
          )
        : null,
      v.lines.length && waiting.length && v.confirmed.length
        ? h("p", { class: "lv-muted" }, `${v.confirmed.map((d) => names.get(d)).join(", ")} ${s.confirmed} · ${s.waiting} ${waiting.map((d) => names.get(d)).join(", ")}`)
        : null,
      v.lines.length
        ? h(
            "button",
            // A diner who confirmed may press again once nobody else is awaited (someone left).
            { class: "btn lv-send", "data-act": "send", "data-key": "send", disabled: blocked || v.status === "paying" || (v.confirmed.includes(link.you) && waiting.length > 0) },
            v.requireAllConfirm ? s.confirm : s.send,
          )
        : null,
      pending ? h("p", { class: "lv-muted" }, `${pending} ${s.pending}`) : null,
      h("p", { class: "lv-note", "aria-live": "polite" }, notice),
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
                  {},
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
      ...v.calls
        .filter((c) => c.dinerId === link.you)
        .slice(-3)
        .map((c) => h("p", { class: "lv-muted" }, `${c.kind === "note" ? c.note : s[c.kind]} · ${c.ackedAt ? s.callSeen : s.callSent}`)),
    ];
  }

  function barView(v: TableView | null): Node[] {
    if (!v || link.state === "ended") return [];
    const count = v.lines.reduce((n, l) => n + l.quantity, 0);
    const label = count ? `${s.barCart} (${count}) · ${fmt(cartTotal(v))}` : v.rounds.length ? `${s.ordered} · ${fmt(orderedTotal(v))}` : s.barCart;
    return [
      h("button", { class: "lv-bar-cart", "data-act": "show" }, label, link.queue.length ? ` · ${s.pending}` : ""),
      h("button", { class: "btn", "data-act": "call", "data-id": "waiter" }, s.waiter),
    ];
  }

  function lineItem(l: LineView, mine: boolean, names: Map<string, string>): HTMLElement {
    const problem = l.problem === "sold_out" ? s.soldOut : l.problem === "unavailable" ? s.unavailable : l.problem === "off_menu" ? s.offMenu : "";
    const by = l.addedBy !== l.dinerId ? ` (${names.get(l.addedBy) ?? ""})` : "";
    return h(
      "li",
      { class: problem ? "lv-bad" : undefined },
      h(
        "span",
        { class: "lv-name" },
        `${l.quantity} × ${text(l.name)}${by}`,
        l.options.length ? h("small", {}, l.options.map((o) => text(o.name)).join(", ")) : null,
        l.note ? h("small", {}, `“${l.note}”`) : null,
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
  void link.start();
}
