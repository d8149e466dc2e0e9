/**
 * The diners' WebSockets: the upgrade (limits per table and per diner), the messages (each one a
 * command, answered with an ack or an error), and a diner going offline.
 */
import { accept, closeQuietly, tooManyConnections, upgradeRequired } from "../live/sockets";
import { send, socketInfo, type Caller, type SocketInfo, type TableCore } from "./core";
import { CLOSE, WS_LIMITS } from "./protocol";
import { parseClientMessage } from "./validate";
import type { Reply } from "./commands/context";
import { apply, rename } from "./commands/cart";
import { call } from "./commands/calls";
import { answerJoin } from "./commands/join";
import { submit } from "./commands/rounds";

/** A diner's page connects (the Worker checked its token and names the session and diner). */
export async function connect(t: TableCore, request: Request): Promise<Response> {
  const notUpgrade = upgradeRequired(request);
  if (notUpgrade) return notUpgrade;
  const caller: Caller = {
    kind: "guest",
    sessionId: request.headers.get("x-tableside-session") ?? "",
    dinerId: request.headers.get("x-tableside-diner") ?? "",
  };
  await t.menu();
  const check = t.checkGuest(caller);
  if (!check.ok) return Response.json({ error: check.error }, { status: 410 });
  if (t.ctx.getWebSockets().length >= WS_LIMITS.maxSocketsPerTable) return tooManyConnections("Too many devices are connected to this table.");
  // A few sockets per diner (a phone, a tab or two); one more closes the oldest, so one token
  // cannot take the table's socket budget from the other diners.
  const mine = t.ctx
    .getWebSockets(`d:${caller.dinerId}`)
    .filter((ws) => ws.readyState === WebSocket.OPEN)
    .sort((a, b) => (socketInfo(a)?.at ?? 0) - (socketInfo(b)?.at ?? 0));
  for (const old of mine.slice(0, Math.max(0, mine.length - WS_LIMITS.maxSocketsPerDiner + 1))) {
    closeQuietly(old, CLOSE.replaced, "opened on another screen; this one was closed");
  }
  const wasOnline = t.isOnline(caller.dinerId);
  const info: SocketInfo = { sessionId: caller.sessionId, dinerId: caller.dinerId, at: Date.now() };
  return accept(t.ctx, [`s:${caller.sessionId}`, `d:${caller.dinerId}`], info, (server) => {
    send(server, { type: "snapshot", v: t.state.version, you: caller.dinerId, view: t.view() });
    t.sendMenu(server);
    if (!wasOnline) t.emitDiner(caller.dinerId);
  });
}

export async function onMessage(t: TableCore, ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
  const message = t.gate.admit(ws, raw);
  if (message === null) return;
  const parsed = parseClientMessage(message);
  if (!parsed.ok) {
    send(ws, { type: "error", id: null, code: "invalid_message", message: parsed.reason });
    return ws.close(CLOSE.invalid, parsed.reason);
  }
  const info = socketInfo(ws);
  if (!info) return ws.close(CLOSE.sessionEnded, "session closed");
  const caller: Caller = { kind: "guest", sessionId: info.sessionId, dinerId: info.dinerId };
  const m = parsed.message;
  switch (m.type) {
    case "sync": {
      // A snapshot is the biggest thing a table sends: asking for one counts like any action.
      const limited = t.rateLimit(caller);
      if (limited) return send(ws, { type: "error", id: null, code: limited.error.code, message: limited.error.message });
      await t.menu();
      return send(ws, { type: "snapshot", v: t.state.version, you: info.dinerId, view: t.view() });
    }
    case "echo":
      return send(ws, { type: "echo", id: m.id, data: m.data, at: Date.now() });
    case "op":
      return reply(ws, m.id, await apply(t, caller, m.op, m.id));
    case "submit":
      return reply(ws, m.id, await submit(t, caller, m.id, false, m.shown));
    case "call":
      return reply(ws, m.id, await call(t, caller, m.kind, m.note ?? "", m.id));
    case "rename":
      return reply(ws, m.id, await rename(t, caller, m.name));
    case "admit":
    case "decline":
      return reply(ws, m.id, answerJoin(t, caller, m.requestId, m.type === "admit"));
  }
}

/** A socket closed: the diner shows offline when it was their last. */
export function onClose(t: TableCore, ws: WebSocket, code: number, reason: string): void {
  const info = socketInfo(ws);
  closeQuietly(ws, code, reason);
  if (info && t.state.session?.id === info.sessionId && !t.isOnline(info.dinerId, ws)) t.emitDiner(info.dinerId, ws);
}

function reply(ws: WebSocket, id: string, r: Reply<object>): void {
  if (r.ok) send(ws, { type: "ack", id, v: r.v });
  else send(ws, { type: "error", id, code: r.error.code, message: r.error.message, details: r.error.details });
}
