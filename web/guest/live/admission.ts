// Joining a table whose party is already seated: the waiting screen (ask, type the join code,
// ask staff for help), and for seated diners the "let in / not now" prompt, the join code, and
// what pauses the table (a suspended or closed restaurant, a first round waiting for staff).
import type { TableView } from "../../../src/table/protocol";
import { admissionRefusal, admissionStrings, type AdmissionStrings } from "./admission-strings";
import type { TableLink } from "./link";

type Child = Node | string | null | false | undefined;
type H = (tag: string, attrs?: Record<string, string | boolean | undefined>, ...children: Child[]) => HTMLElement;

type Phase = "waiting" | "declined" | "expired";

const POLL_MS = 2_000;

const CSS = `
.lv-ask h3{margin-top:4px}.lv-ask p{margin:6px 0}
.lv-paused{background:#fde8e8;color:#8a1414;border-radius:10px;padding:10px 12px;font-weight:600;margin:8px 0!important}
.lv-hold{background:#fff4d6;color:#6b4a00;border-radius:10px;padding:10px 12px;margin:8px 0!important}
.lv-letin{border:2px solid var(--a);border-radius:12px;padding:10px 12px;margin:8px 0;background:#fff}
.lv-letin p{margin:0 0 8px!important}
.lv-letin-do{display:flex;gap:8px}.lv-letin-do .btn{flex:1;min-height:44px;margin:0}
.lv-code{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px;margin:8px 0!important;padding:8px 12px;border-radius:10px;background:#f4f4f4}
.lv-code strong{font-size:1.4rem;letter-spacing:.12em;font-variant-numeric:tabular-nums}
.lv-code small{flex-basis:100%;color:#4a4a4a;font-size:1rem}
.lv-bad-note{color:#8a1414!important}
`;

export class Admission {
  readonly a: AdmissionStrings;
  private requestToken = "";
  private requestId = "";
  private tableName = "";
  private phase: Phase = "waiting";
  private helpAsked = false;
  private note = "";
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly link: TableLink,
    /** The table's QR code: a device refused a request (too many waiting) joins with the join code through /join. */
    private readonly tableCode: string,
    lang: string,
    private readonly onChange: () => void,
  ) {
    this.a = admissionStrings(lang);
    const style = document.createElement("style");
    style.textContent = CSS;
    document.head.append(style);
    link.onWaiting = (body) => {
      this.requestToken = String(body.requestToken ?? "");
      this.requestId = String(body.requestId ?? "");
      this.tableName = String(body.tableName ?? link.view?.tableName ?? "");
      this.phase = "waiting";
      const error = body.error as { code: string; message: string } | undefined;
      this.note = error ? (this.refusal(error) ?? error.message) : "";
      if (this.requestToken) this.poll(POLL_MS);
    };
  }

  /** A refusal in the guest's language when it concerns joining or a paused table. */
  refusal(error: { code: string }): string | null {
    return admissionRefusal(this.a, error);
  }

  /** Handles the admission buttons; true when the click was one of them. */
  click(b: HTMLButtonElement): boolean {
    switch (b.dataset.act) {
      case "let-in":
      case "not-now":
        void this.link.do({ type: b.dataset.act === "let-in" ? "admit" : "decline", requestId: b.dataset.id ?? "" }).then((e) => {
          if (e) this.note = this.refusal(e) ?? e.message;
          this.onChange();
        });
        return true;
      case "help":
        void this.request("POST", "/help").then((res) => {
          if (res?.ok) this.helpAsked = true;
          else this.note = res?.error ? (this.refusal(res.error) ?? res.error.message) : "";
          this.onChange();
        });
        return true;
      case "ask-again":
        this.helpAsked = false;
        void this.link.rejoin();
        return true;
      case "use-here":
        this.link.resume();
        return true;
    }
    return false;
  }

  /** The join code form; true when the submitted form was it. */
  submit(form: HTMLFormElement): boolean {
    if (form.dataset.form !== "join-code") return false;
    const code = (form.querySelector("input")?.value ?? "").trim();
    if (!code) return true;
    const sent = this.requestToken ? this.request("POST", "/code", { joinCode: code }) : this.request("POST", "", { code: this.tableCode, joinCode: code }, "/api/guest/join");
    void sent.then((res) => {
      if (res?.ok) return this.admitted(res.body);
      this.note = res?.error ? (this.refusal(res.error) ?? res.error.message) : "";
      this.onChange();
    });
    return true;
  }

  /** The whole panel while this device is not seated (waiting, or its socket was replaced), else null. */
  gate(h: H): Child[] | null {
    const a = this.a;
    if (this.link.state === "replaced") {
      return [h("h3", {}, a.replacedTitle), h("p", {}, a.replacedBody), h("button", { class: "btn", "data-act": "use-here", "data-key": "use-here" }, a.useHere)];
    }
    if (this.link.state !== "waiting") return null;
    const title = this.phase === "declined" ? a.declinedTitle : this.phase === "expired" ? a.expiredTitle : a.askingTitle.replace("{table}", this.tableName).replace(/\s+/g, " ").trim();
    const body = this.phase === "declined" ? a.declinedBody : this.phase === "expired" ? a.expiredBody : a.askingBody;
    return [
      h("div", { class: "lv-ask", role: "status" }, h("h3", {}, title), h("p", {}, body)),
      this.phase !== "waiting" ? h("button", { class: "btn lv-send", "data-act": "ask-again", "data-key": "ask-again" }, a.askAgain) : null,
      this.phase !== "declined"
        ? h(
            "form",
            { class: "lv-form", "data-form": "join-code" },
            h("label", {}, a.codeLabel, h("input", { inputmode: "numeric", autocomplete: "one-time-code", maxlength: "12", "data-key": "join-code" })),
            h("button", { class: "btn" }, a.codeJoin),
          )
        : null,
      h("p", { class: "lv-note lv-bad-note", "aria-live": "polite" }, this.note),
      h("p", { class: "lv-muted" }, a.helpHint),
      this.helpAsked
        ? h("p", { class: "lv-note" }, a.helpAsked)
        : this.phase === "waiting" && this.requestToken
          ? h("button", { class: "btn", "data-act": "help", "data-key": "help" }, a.helpButton)
          : null,
    ];
  }

  /** What seated diners see at the top of the panel: a paused table, requests to let in, the join code. */
  seated(h: H, v: TableView): Child[] {
    const a = this.a;
    const acc = v.access;
    return [
      acc.paused ? h("p", { class: "lv-paused", role: "alert" }, a[`e_${acc.paused}`]) : null,
      acc.awaitingStaff ? h("p", { class: "lv-hold", role: "status" }, a.awaitingStaff) : null,
      ...acc.requests.map((r) =>
        h(
          "div",
          { class: "lv-letin", role: "alert" },
          h("p", {}, h("strong", {}, a.letInTitle), r.name ? `: ${r.name}` : ""),
          h(
            "div",
            { class: "lv-letin-do" },
            h("button", { class: "btn lv-send", "data-act": "let-in", "data-id": r.id, "data-key": `let-in-${r.id}` }, a.letIn),
            h("button", { class: "btn", "data-act": "not-now", "data-id": r.id, "data-key": `not-now-${r.id}` }, a.notNow),
          ),
        ),
      ),
      acc.joinCode
        ? h(
            "p",
            { class: "lv-code" },
            h("span", {}, a.joinCode),
            h("strong", { "data-join-code": acc.joinCode }, `${acc.joinCode.slice(0, 3)} ${acc.joinCode.slice(3)}`),
            h("small", {}, a.joinCodeHint),
          )
        : null,
      this.note ? h("p", { class: "lv-note" }, this.note) : null,
    ];
  }

  // ------------------------------------------------------------------------------------------

  private admitted(body: Record<string, unknown>) {
    clearTimeout(this.timer);
    this.note = "";
    this.link.admitted(body);
  }

  private poll(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      if (this.link.state !== "waiting" || this.phase !== "waiting") return;
      const res = await this.request("GET", "");
      const status = res?.ok ? String(res.body.status) : res?.status === 401 ? "expired" : "";
      if (status === "admitted") return this.admitted(res!.body);
      // The session ended (staff reset the table): scanning again opens it for this party.
      if (status === "closed") return void this.link.rejoin();
      if (status === "declined" || status === "expired") {
        this.phase = status;
        return this.onChange();
      }
      this.poll(POLL_MS);
    }, delay);
  }

  private async request(method: string, path: string, body?: unknown, base = "/api/guest/join/request"): Promise<{ ok: boolean; status: number; body: Record<string, unknown>; error?: { code: string; message: string } } | null> {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { "content-type": "application/json", authorization: `Bearer ${this.requestToken}` },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
      });
      const json = ((await res.json().catch(() => ({}))) ?? {}) as Record<string, unknown> & { error?: { code: string; message: string } };
      return { ok: res.ok, status: res.status, body: json, error: json.error };
    } catch {
      return null;
    }
  }
}
