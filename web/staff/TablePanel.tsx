/** One table in full: session, calls, the shared cart (waiters order here), rounds and items. */
import { useEffect, useRef, useState } from "preact/hooks";
import { http } from "../shared/api";
import { LoadError, Loading, useAsync } from "../shared/ui";
import type { TableCard } from "../../src/floor/protocol";
import type { TableView, ItemView } from "../../src/table/protocol";
import type { MenuSnapshot } from "../../src/domain/menu/snapshot";
import { callText } from "./floor-link";
import { Admission } from "./Admission";
import { BillSection } from "./BillSection";
import { OrderPad, type NewLine } from "./OrderPad";
import { CART_LIMITS } from "../../src/domain/cart/limits";
import { ITEM_LABEL, money, nextStep, since, STATUS_LABEL, tr } from "./text";

interface Props {
  card: TableCard;
  tables: TableCard[];
  base: string;
  menu: MenuSnapshot | undefined;
  now: number;
  canRunTables: boolean;
  run: (fn: () => Promise<unknown>) => Promise<void>;
  onClose: () => void;
}

export function TablePanel(props: Props) {
  const { card } = props;
  const t = `${props.base}/tables/${encodeURIComponent(card.tableId)}`;
  // Reload the full view whenever the floor reports a newer version of this table.
  const view = useAsync(() => http.get<{ v: number; view: TableView }>(t).then((r) => r.view), [card.tableId, card.tv]);
  const [voiding, setVoiding] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [target, setTarget] = useState("");
  const [confirmClose, setConfirmClose] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [card.tableId]);
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === "Escape" && props.onClose();
    addEventListener("keydown", esc);
    return () => removeEventListener("keydown", esc);
  }, []);

  const v = view.data;
  const act = (fn: () => Promise<unknown>) => props.run(async () => {
    await fn();
    view.reload();
  });
  const names = new Map(v?.diners.map((d) => [d.id, d.staff ? `${d.name} (staff)` : d.name]) ?? []);
  const free = props.tables.filter((x) => x.status === "free" && x.tableId !== card.tableId);
  const busy = props.tables.filter((x) => x.status !== "free" && x.tableId !== card.tableId);
  const addLine = async (line: NewLine) => {
    let added = false;
    await act(async () => {
      await http.post(`${t}/lines`, line);
      added = true;
    });
    return added;
  };

  return (
    <div class="st-overlay" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <aside class="st-panel" role="dialog" aria-modal="true" aria-labelledby="panel-title">
        <header class="st-panel-head">
          <h2 id="panel-title" ref={heading} tabIndex={-1}>
            {card.tableName} <span class="st-badge">{STATUS_LABEL[card.status] ?? card.status}</span>
          </h2>
          <button type="button" class="btn btn-small" onClick={props.onClose}>
            Close
          </button>
        </header>
        {card.status !== "free" ? (
          <p class="muted">
            Seated {since(card.openedAt, props.now)} · {card.guests} guest{card.guests === 1 ? "" : "s"} · ordered {money(card.orderedTotal, card.currency)}
          </p>
        ) : null}
        {view.error && !v ? <LoadError error={view.error} retry={view.reload} /> : null}
        {!v ? (
          <Loading />
        ) : (
          <>
            {props.canRunTables ? (
              <div class="st-actions">
                {v.status === "free" ? (
                  <button type="button" class="btn btn-primary" onClick={() => act(() => http.post(`${t}/open`))}>
                    Open table
                  </button>
                ) : (
                  <>
                    {confirmClose ? (
                      <span class="st-inline">
                        Close and free the table?
                        <button type="button" class="btn btn-danger solid" onClick={() => (setConfirmClose(false), act(() => http.post(`${t}/close`, { reason: "closed_by_staff" })))}>
                          Yes, close
                        </button>
                        <button type="button" class="btn" onClick={() => setConfirmClose(false)}>
                          Keep open
                        </button>
                      </span>
                    ) : (
                      <button type="button" class="btn btn-danger" onClick={() => setConfirmClose(true)}>
                        Close table
                      </button>
                    )}
                    <label class="st-inline">
                      <span class="visually-hidden">Other table</span>
                      <select value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
                        <option value="">Move or merge…</option>
                        {free.length ? (
                          <optgroup label="Move to a free table">
                            {free.map((x) => (
                              <option value={`move:${x.tableId}`}>Move to {x.tableName}</option>
                            ))}
                          </optgroup>
                        ) : null}
                        {busy.length ? (
                          <optgroup label="Merge into a seated table">
                            {busy.map((x) => (
                              <option value={`merge:${x.tableId}`}>Merge into {x.tableName}</option>
                            ))}
                          </optgroup>
                        ) : null}
                      </select>
                      <button
                        type="button"
                        class="btn"
                        disabled={!target}
                        onClick={() => {
                          const [mode, toTableId] = target.split(":");
                          setTarget("");
                          void act(() => http.post(`${t}/${mode}`, { toTableId }));
                        }}
                      >
                        Go
                      </button>
                    </label>
                  </>
                )}
              </div>
            ) : null}

            <Admission card={card} base={t} canRunTables={props.canRunTables} act={act} />

            {v.calls.some((c) => !c.ackedAt) ? (
              <section>
                <h3>Calls</h3>
                <ul class="st-rows">
                  {v.calls
                    .filter((c) => !c.ackedAt)
                    .map((c) => (
                      <li>
                        <span>
                          {callText(c.kind, c.note)} · {names.get(c.dinerId)} · <span class="muted">{since(c.createdAt, props.now)}</span>
                        </span>
                        <button type="button" class="btn btn-primary" onClick={() => act(() => http.post(`${t}/calls/${encodeURIComponent(c.id)}/ack`))}>
                          Acknowledge
                        </button>
                      </li>
                    ))}
                </ul>
              </section>
            ) : null}

            {v.bill && v.bill.progress.total > 0 ? (
              <BillSection bill={v.bill} tableUrl={t} tableName={card.tableName} now={props.now} canRunTables={props.canRunTables} run={props.run} />
            ) : null}

            {v.status !== "free" ? (
              <section>
                <h3>Cart</h3>
                {v.lines.length === 0 ? <p class="muted">Empty.</p> : null}
                <ul class="st-rows">
                  {v.lines.map((l) => (
                    <li>
                      <span>
                        {l.quantity} × {tr(l.name, props.menu?.languages)}
                        {l.options.length ? <span class="muted"> ({l.options.map((o) => tr(o.name, props.menu?.languages)).join(", ")})</span> : null}
                        {l.note ? <span class="muted"> “{l.note}”</span> : null}
                        <span class="muted"> · {names.get(l.dinerId)}</span>
                        {l.problem ? <span class="st-pill st-i-call"> {l.problem.replace("_", " ")}</span> : null}
                      </span>
                      <span class="st-row-end">
                        {money(l.lineTotal, v.currency)}
                        {props.canRunTables ? (
                          <>
                            <button type="button" class="btn btn-small" aria-label={`One less ${tr(l.name)}`} onClick={() => act(() => (l.quantity > 1 ? http.patch(`${t}/lines/${encodeURIComponent(l.id)}`, { quantity: l.quantity - 1 }) : http.del(`${t}/lines/${encodeURIComponent(l.id)}`)))}>
                              −
                            </button>
                            <button type="button" class="btn btn-small" aria-label={`One more ${tr(l.name)}`} onClick={() => act(() => http.patch(`${t}/lines/${encodeURIComponent(l.id)}`, { quantity: Math.min(CART_LIMITS.maxQuantity, l.quantity + 1) }))}>
                              +
                            </button>
                          </>
                        ) : null}
                      </span>
                    </li>
                  ))}
                </ul>
                {props.canRunTables && v.lines.length ? (
                  <button type="button" class="btn btn-primary btn-block" onClick={() => act(() => http.post(`${t}/rounds`, {}))}>
                    Send to kitchen
                  </button>
                ) : null}
              </section>
            ) : null}

            {props.canRunTables && props.menu ? (
              <section>
                <h3>Order for the table</h3>
                <OrderPad menu={props.menu} onAdd={addLine} />
              </section>
            ) : null}

            {v.rounds.length ? (
              <section>
                <h3>Rounds</h3>
                {v.rounds
                  .slice()
                  .reverse()
                  .map((r) => (
                    <div class="st-round">
                      <p class="muted">
                        Round {r.no} · {since(r.submittedAt, props.now)} ago · {names.get(r.submittedBy)} · {money(r.subtotal, v.currency)}
                      </p>
                      <ul class="st-rows">
                        {r.items.map((i) => (
                          <ItemRow
                            item={i}
                            menu={props.menu}
                            who={names.get(i.dinerId) ?? ""}
                            currency={v.currency}
                            canVoid={props.canRunTables}
                            voiding={voiding === i.id}
                            reason={reason}
                            setReason={setReason}
                            onVoidStart={() => (setVoiding(i.id), setReason(""))}
                            onVoidCancel={() => setVoiding(null)}
                            onVoid={() => (setVoiding(null), act(() => http.post(`${t}/items/${encodeURIComponent(i.id)}/void`, { reason })))}
                            onStep={(to) => act(() => http.post(`${t}/items/${encodeURIComponent(i.id)}/state`, { state: to }))}
                          />
                        ))}
                      </ul>
                    </div>
                  ))}
              </section>
            ) : null}
          </>
        )}
      </aside>
    </div>
  );
}

function ItemRow(props: {
  item: ItemView;
  menu: MenuSnapshot | undefined;
  who: string;
  currency: string;
  canVoid: boolean;
  voiding: boolean;
  reason: string;
  setReason: (r: string) => void;
  onVoidStart: () => void;
  onVoidCancel: () => void;
  onVoid: () => void;
  onStep: (to: string) => void;
}) {
  const i = props.item;
  const next = nextStep(i.state);
  return (
    <li class={`st-i-${i.state}-row`}>
      <span>
        {i.quantity} × {tr(i.name, props.menu?.languages)}
        {i.options.length ? <span class="muted"> ({i.options.map((o) => tr(o.name, props.menu?.languages)).join(", ")})</span> : null}
        {i.note ? <span class="muted"> “{i.note}”</span> : null}
        <span class="muted"> · {props.who}</span>
        <span class={`st-pill st-i-${i.state}`}>{ITEM_LABEL[i.state]}</span>
        {i.voidReason ? <span class="muted"> {i.voidReason}</span> : null}
      </span>
      <span class="st-row-end">
        {props.voiding ? (
          <form
            class="st-inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (props.reason.trim()) props.onVoid();
            }}
          >
            <label>
              <span class="visually-hidden">Reason</span>
              <input value={props.reason} placeholder="Reason" maxLength={200} required onInput={(e) => props.setReason((e.target as HTMLInputElement).value)} />
            </label>
            <button type="submit" class="btn btn-danger solid">
              Void
            </button>
            <button type="button" class="btn" onClick={props.onVoidCancel}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            {next ? (
              <button type="button" class="btn btn-primary btn-small" onClick={() => props.onStep(next.to)}>
                {next.label}
              </button>
            ) : null}
            {props.canVoid && i.state !== "voided" ? (
              <button type="button" class="btn btn-danger btn-small" onClick={props.onVoidStart}>
                Void
              </button>
            ) : null}
          </>
        )}
      </span>
    </li>
  );
}
