/** The live board of one store: table map with calls, kitchen view, sold-out list, table panel. */
import { useEffect, useState } from "preact/hooks";
import { http, path } from "../shared/api";
import type { MerchantRole } from "../shared/types";
import { errorMessage } from "../shared/ui";
import type { TableCard } from "../../src/floor/protocol";
import { chime, enableSound, soundEnabled } from "./cue";
import { callText, useFloor, type Cue } from "./floor-link";
import { Kitchen } from "./Kitchen";
import { MenuPanel, useMenu } from "./MenuPanel";
import { TablePanel } from "./TablePanel";
import { money, paymentText, since, STATUS_LABEL } from "./text";

export interface BoardProps {
  merchantId: string;
  merchantName: string;
  storeId: string;
  storeName: string;
  currency: string;
  role: MerchantRole;
  userName: string;
  onSwitch?: () => void;
  onSignOut: () => void;
}

type Tab = "floor" | "kitchen" | "menu";

export function Board(props: BoardProps) {
  const [tab, setTab] = useState<Tab>(props.role === "kitchen" ? "kitchen" : "floor");
  const [open, setOpen] = useState<string | null>(null);
  const [sound, setSound] = useState(soundEnabled());
  const [fresh, setFresh] = useState<Map<string, number>>(new Map());
  const [now, setNow] = useState(Date.now());
  const [problem, setProblem] = useState("");
  const floor = useFloor(props.merchantId, props.storeId, (cue: Cue) => {
    chime(cue.kind);
    setFresh((m) => new Map(m).set(cue.tableId, Date.now()));
  });
  const menu = useMenu(props.merchantId, props.storeId);
  const base = path`/api/merchants/${props.merchantId}/stores/${props.storeId}/floor`;
  const canRunTables = props.role !== "kitchen";

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  const serverNow = now + floor.skew;

  /** Runs a staff action; the board updates from the floor socket, errors are shown. */
  const run = async (fn: () => Promise<unknown>) => {
    setProblem("");
    try {
      await fn();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  const calls = floor.tables
    .flatMap((t) => t.calls.map((c) => ({ table: t, call: c })))
    .sort((a, b) => a.call.createdAt - b.call.createdAt);
  const areas = [...new Set(floor.tables.map((t) => t.area))];
  // A call's banner goes once anyone acknowledged the call (it left its table's open calls).
  const openCalls = new Set(calls.map(({ call }) => call.id));
  const cues = floor.cues.filter((cue) => cue.kind !== "call" || openCalls.has(cue.id));
  const selected = floor.tables.find((t) => t.tableId === open) ?? null;

  return (
    <div class="st-app">
      <header class="st-head">
        <div class="st-title">
          <strong>{props.storeName}</strong>
          <span class="muted"> · {props.merchantName}</span>
        </div>
        <nav class="st-tabs" aria-label="Views">
          {(["floor", "kitchen", "menu"] as const).map((t) => (
            <button type="button" class={`st-tab${tab === t ? " on" : ""}`} aria-pressed={tab === t} onClick={() => setTab(t)}>
              {t === "floor" ? "Floor" : t === "kitchen" ? "Kitchen" : "Sold out"}
            </button>
          ))}
        </nav>
        <span class={`st-conn st-${floor.state}`} role="status">
          {floor.state === "live" ? "Live" : floor.state === "offline" ? "Offline" : floor.state === "connecting" ? "Connecting…" : "Reconnecting…"}
        </span>
        <button
          type="button"
          class={`btn btn-small${sound ? "" : " btn-primary"}`}
          onClick={() => {
            setSound(enableSound());
            chime("round");
          }}
        >
          {sound ? "Sound on" : "Turn sound on"}
        </button>
        <span class="st-user muted">{props.userName}</span>
        {props.onSwitch ? (
          <button type="button" class="btn btn-small" onClick={props.onSwitch}>
            Switch store
          </button>
        ) : null}
        <button type="button" class="btn btn-small" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>

      {cues.length ? (
        <div class="st-cues" role="alert">
          {cues.slice(0, 3).map((cue) => (
            <div class={`st-cue st-cue-${cue.kind}`}>
              <button type="button" class="st-cue-main" onClick={() => (setOpen(cue.tableId), floor.dismiss(cue))}>
                <strong>{cue.tableName}</strong> {cue.text}
              </button>
              <button type="button" class="btn btn-small" aria-label={`Dismiss ${cue.tableName}: ${cue.text}`} onClick={() => floor.dismiss(cue)}>
                OK
              </button>
            </div>
          ))}
        </div>
      ) : null}
      {problem ? (
        <div class="notice notice-error st-problem" role="alert">
          {problem}{" "}
          <button type="button" class="btn btn-small" onClick={() => setProblem("")}>
            OK
          </button>
        </div>
      ) : null}

      <main class="st-main" id="main">
        {tab === "floor" ? (
          <>
            {calls.length ? (
              <section class="st-calls" aria-label="Service calls">
                <h2>Calls</h2>
                <ul>
                  {calls.map(({ table, call }) => (
                    <li>
                      <span>
                        <strong>{table.tableName}</strong> · {callText(call.kind, call.note)}
                        {call.dinerName ? ` · ${call.dinerName}` : ""} · <span class="muted">{since(call.createdAt, serverNow)}</span>
                      </span>
                      <button
                        type="button"
                        class="btn btn-primary"
                        onClick={() => run(() => http.post(`${base}/tables/${encodeURIComponent(table.tableId)}/calls/${encodeURIComponent(call.id)}/ack`))}
                      >
                        Acknowledge
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {floor.tables.length === 0 && floor.state === "live" ? <p class="muted">This store has no tables yet. Add them in the console.</p> : null}
            {areas.map((area) => (
              <section class="st-area" aria-label={area || "Tables"}>
                {area ? <h2>{area}</h2> : null}
                <div class="st-grid">
                  {floor.tables
                    .filter((t) => t.area === area)
                    .map((t) => (
                      <TableTile card={t} now={serverNow} fresh={(fresh.get(t.tableId) ?? 0) > now - 60_000} onOpen={() => setOpen(t.tableId)} />
                    ))}
                </div>
              </section>
            ))}
          </>
        ) : tab === "kitchen" ? (
          <Kitchen tables={floor.tables} menu={menu.data} now={serverNow} base={base} run={run} />
        ) : (
          <MenuPanel merchantId={props.merchantId} storeId={props.storeId} menu={menu} run={run} />
        )}
      </main>

      {selected ? (
        <TablePanel
          card={selected}
          tables={floor.tables}
          base={base}
          menu={menu.data}
          now={serverNow}
          canRunTables={canRunTables}
          run={run}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

function TableTile(props: { card: TableCard; now: number; fresh: boolean; onOpen: () => void }) {
  const t = props.card;
  const waiting = t.items.filter((i) => i.state === "received").length;
  const cooking = t.items.filter((i) => i.state === "preparing").length;
  const ready = t.items.filter((i) => i.state === "ready").length;
  return (
    <button type="button" class={`st-tile st-s-${t.status}${props.fresh ? " st-fresh" : ""}${t.calls.length ? " st-calling" : ""}`} onClick={props.onOpen}>
      <span class="st-tile-head">
        <strong class="st-tile-name">{t.tableName}</strong>
        <span class="st-badge">{STATUS_LABEL[t.status] ?? t.status}</span>
      </span>
      {t.status === "free" ? (
        <>
          <span class="muted">{t.seats} seats</span>
          {t.calls.length ? <span class="st-counts"><span class="st-pill st-i-call">{t.calls.length} call{t.calls.length === 1 ? "" : "s"}</span></span> : null}
        </>
      ) : (
        <>
          <span>
            {since(t.openedAt, props.now)} · {t.guests} guest{t.guests === 1 ? "" : "s"}
          </span>
          <span class="st-counts">
            {waiting ? <span class="st-pill st-i-received">{waiting} new</span> : null}
            {cooking ? <span class="st-pill st-i-preparing">{cooking} cooking</span> : null}
            {ready ? <span class="st-pill st-i-ready">{ready} ready</span> : null}
            {t.cartItems ? <span class="st-pill st-i-cart">{t.cartItems} in cart</span> : null}
            {t.calls.length ? <span class="st-pill st-i-call">{t.calls.length} call{t.calls.length === 1 ? "" : "s"}</span> : null}
            {t.requests.length ? <span class="st-pill st-i-call">{t.requests.length} asking to join</span> : null}
            {t.awaitingStaff ? <span class="st-pill st-i-received">1st round to confirm</span> : null}
            {t.paused ? <span class="st-pill st-i-cart">Ordering paused</span> : null}
            {t.payment !== "none" ? <span class={`st-pill st-pay-${t.payment}`}>{paymentText(t)}</span> : null}
          </span>
          <span class="muted">{t.rounds.length ? `${t.rounds.length} round${t.rounds.length === 1 ? "" : "s"} · ${money(t.orderedTotal, t.currency)}` : "No order yet"}</span>
        </>
      )}
    </button>
  );
}
