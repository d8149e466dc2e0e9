/** Kitchen view: every item not yet served, grouped by station or by category; one tap per step. */
import { useEffect, useState } from "preact/hooks";
import { http } from "../shared/api";
import type { FloorItem, TableCard } from "../../src/floor/protocol";
import type { MenuSnapshot } from "../../src/domain/menu/snapshot";
import { ITEM_LABEL, nextStep, since, tr } from "./text";

interface Props {
  tables: TableCard[];
  menu: MenuSnapshot | undefined;
  now: number;
  base: string;
  run: (fn: () => Promise<unknown>) => Promise<void>;
}

type Ticket = FloorItem & { tableId: string; tableName: string };

/** A mistaken tap can be taken back for a while (the domain allows one step back). */
const UNDO_MS = 10_000;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function Kitchen(props: Props) {
  const [by, setBy] = useState<"station" | "category">("station");
  const [only, setOnly] = useState<string>("");
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [last, setLast] = useState<{ ticket: Ticket; from: Ticket["state"]; to: string } | null>(null);
  useEffect(() => {
    if (!last) return;
    const t = setTimeout(() => setLast(null), UNDO_MS);
    return () => clearTimeout(t);
  }, [last]);
  const categoryName = new Map(props.menu?.categories.map((c) => [c.id, tr(c.name, props.menu!.languages)]) ?? []);
  const tickets: Ticket[] = props.tables
    .flatMap((t) => t.items.map((i) => ({ ...i, tableId: t.tableId, tableName: t.tableName })))
    .sort((a, b) => a.submittedAt - b.submittedAt);
  const groupOf = (t: Ticket) => (by === "station" ? capital(t.station) : (categoryName.get(t.categoryId) ?? "Other"));
  const groups = [...new Set(tickets.map(groupOf))].sort();
  const shown = only && groups.includes(only) ? [only] : groups;

  const step = (t: Ticket, to: string, undo = false) =>
    props.run(async () => {
      setBusy((s) => new Set(s).add(t.id));
      try {
        await http.post(`${props.base}/tables/${encodeURIComponent(t.tableId)}/items/${encodeURIComponent(t.id)}/state`, { state: to });
        setLast(undo ? null : { ticket: t, from: t.state, to });
      } finally {
        setBusy((s) => {
          const n = new Set(s);
          n.delete(t.id);
          return n;
        });
      }
    });

  return (
    <div>
      <div class="st-toolbar">
        <span>Group by</span>
        {(["station", "category"] as const).map((g) => (
          <button type="button" class={`st-chip${by === g ? " on" : ""}`} aria-pressed={by === g} onClick={() => (setBy(g), setOnly(""))}>
            {g === "station" ? "Station" : "Category"}
          </button>
        ))}
        <span class="st-sep" />
        <button type="button" class={`st-chip${only === "" ? " on" : ""}`} aria-pressed={only === ""} onClick={() => setOnly("")}>
          All
        </button>
        {groups.map((g) => (
          <button type="button" class={`st-chip${only === g ? " on" : ""}`} aria-pressed={only === g} onClick={() => setOnly(g)}>
            {g}
          </button>
        ))}
      </div>
      {last ? (
        <div class="st-undo" role="status">
          <span>
            <strong>{last.ticket.tableName}</strong> · {last.ticket.quantity} × {tr(last.ticket.name, props.menu?.languages)} → {ITEM_LABEL[last.to]}
          </span>
          <button type="button" class="btn" onClick={() => step(last.ticket, last.from, true)}>
            Undo
          </button>
        </div>
      ) : null}
      {tickets.length === 0 ? <p class="st-empty">Nothing to prepare. New orders appear here at once.</p> : null}
      <div class="st-columns">
        {shown.map((g) => (
          <section class="st-station" aria-label={g}>
            <h2>
              {g} <span class="muted">({tickets.filter((t) => groupOf(t) === g).length})</span>
            </h2>
            <ul class="st-tickets">
              {tickets
                .filter((t) => groupOf(t) === g)
                .map((t) => {
                  const next = nextStep(t.state);
                  return (
                    <li class={`st-ticket st-t-${t.state}`}>
                      <div class="st-ticket-body">
                        <div class="st-ticket-top">
                          <strong>{t.tableName}</strong>
                          <span class="muted">
                            R{t.roundNo} · {since(t.submittedAt, props.now)}
                          </span>
                        </div>
                        <div class="st-ticket-dish">
                          <strong>{t.quantity} ×</strong> {tr(t.name, props.menu?.languages)}
                        </div>
                        {t.options.length ? <div class="st-ticket-opt">{t.options.map((o) => tr(o, props.menu?.languages)).join(", ")}</div> : null}
                        {t.note ? <div class="st-ticket-note">“{t.note}”</div> : null}
                        <div class="muted small">
                          {ITEM_LABEL[t.state]}
                          {t.dinerName ? ` · ${t.dinerName}` : ""}
                        </div>
                      </div>
                      {next ? (
                        <button type="button" class="btn btn-primary st-step" disabled={busy.has(t.id)} onClick={() => step(t, next.to)}>
                          {next.label}
                        </button>
                      ) : null}
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
