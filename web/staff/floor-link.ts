// The staff board's live floor: a WebSocket to the store's floor object that reconnects by
// itself and catches up with a fresh snapshot; a version gap asks for one too.
import { useEffect, useRef, useState } from "preact/hooks";
import type { FloorMessage, TableCard } from "../../src/floor/protocol";

export type FloorState = "connecting" | "live" | "reconnecting" | "offline";

export interface Cue {
  kind: "round" | "call";
  /** The round's or the call's id. */
  id: string;
  tableId: string;
  tableName: string;
  text: string;
  at: number;
}

export interface Floor {
  state: FloorState;
  tables: TableCard[];
  /** Server time minus local time, so "seated 12 min" is right on a tablet with a wrong clock. */
  skew: number;
  cues: Cue[];
  dismiss: (cue: Cue) => void;
}

const PING_MS = 20_000;

export function useFloor(merchantId: string, storeId: string, onCue: (cue: Cue) => void): Floor {
  const [state, setState] = useState<FloorState>("connecting");
  const [tables, setTables] = useState<Map<string, TableCard>>(new Map());
  const [cues, setCues] = useState<Cue[]>([]);
  const [skew, setSkew] = useState(0);
  const ws = useRef<WebSocket | null>(null);
  const cueRef = useRef(onCue);
  cueRef.current = onCue;

  useEffect(() => {
    let stopped = false;
    let retry = 0;
    let v = -1;
    let known: Map<string, TableCard> | null = null;
    // Rounds and calls the board has shown, across tables: a table moved or merged by staff
    // carries its old rounds to another card, and those are not new orders.
    const seen = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;

    /** Cues every round and call not seen before; the first snapshot only records them. */
    const notice = (card: TableCard, quiet: boolean) => {
      for (const r of card.rounds) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        if (!quiet) raise({ kind: "round", id: r.id, tableId: card.tableId, tableName: card.tableName, text: `New order · round ${r.no} · ${r.items} item${r.items === 1 ? "" : "s"}`, at: Date.now() });
      }
      for (const c of card.calls) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        if (!quiet) raise({ kind: "call", id: c.id, tableId: card.tableId, tableName: card.tableName, text: callText(c.kind, c.note), at: Date.now() });
      }
    };

    const raise = (cue: Cue) => {
      setCues((list) => [cue, ...list].slice(0, 8));
      cueRef.current(cue);
    };

    const connect = () => {
      if (stopped) return;
      const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/merchants/${merchantId}/stores/${storeId}/floor/ws`);
      ws.current = socket;
      socket.onopen = () => {
        retry = 0;
        clearInterval(ping);
        ping = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send('{"type":"ping"}'), PING_MS);
      };
      socket.onmessage = (e) => {
        const msg = JSON.parse(e.data as string) as FloorMessage | { type: "pong" };
        if (msg.type === "snapshot") {
          const next = new Map(msg.view.tables.map((c) => [c.tableId, c]));
          // After a reconnect, anything new while we were away still gets its cue.
          for (const card of next.values()) notice(card, known === null);
          known = next;
          v = msg.v;
          setSkew(msg.now - Date.now());
          setTables(new Map(next));
          setState("live");
        } else if (msg.type === "table") {
          if (!known || msg.v !== v + 1) {
            if (msg.v > v) socket.send('{"type":"sync"}');
            return;
          }
          v = msg.v;
          notice(msg.card, false);
          known.set(msg.card.tableId, { ...known.get(msg.card.tableId), ...msg.card });
          setTables(new Map(known));
        }
      };
      socket.onclose = () => {
        clearInterval(ping);
        if (ws.current === socket) ws.current = null;
        if (stopped) return;
        setState(navigator.onLine === false ? "offline" : "reconnecting");
        timer = setTimeout(connect, Math.min(10_000, 500 * 2 ** retry++));
      };
    };

    const online = () => {
      if (!ws.current) {
        clearTimeout(timer);
        connect();
      }
    };
    const offline = () => setState("offline");
    addEventListener("online", online);
    addEventListener("offline", offline);
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(ping);
      removeEventListener("online", online);
      removeEventListener("offline", offline);
      ws.current?.close();
    };
  }, [merchantId, storeId]);

  return {
    state,
    tables: [...tables.values()],
    skew,
    cues,
    dismiss: (cue) => setCues((list) => list.filter((c) => c !== cue)),
  };
}

export function callText(kind: string, note: string): string {
  if (kind === "note") return `Note: ${note}`;
  if (kind === "help") return "A guest waiting to join asks for help";
  return kind === "bill" ? "Asks for the bill" : kind === "water" ? "Asks for water" : "Calls a waiter";
}
