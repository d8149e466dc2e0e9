/**
 * Hibernatable WebSocket plumbing shared by the table and floor objects: upgrade checks,
 * accepting with tags and an attachment, the ping auto-response, the per-socket gate (binary,
 * size, token bucket) and sends that never throw on a closing socket.
 */
import { CLOSE } from "./close-codes";
import { rateLimitOf, TokenBucket } from "./rate";

/** Keep-alive pings are answered by the runtime without waking the object. */
export function answerPings(ctx: DurableObjectState): void {
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
}

/** A 426 for anything but a WebSocket upgrade; null when it is one. */
export function upgradeRequired(request: Request): Response | null {
  if (request.headers.get("Upgrade")?.toLowerCase() === "websocket") return null;
  return Response.json({ error: { code: "upgrade_required", message: "Connect with a WebSocket." } }, { status: 426 });
}

/** The 429 answered when an object holds as many sockets as it allows. */
export const tooManyConnections = (message: string): Response => Response.json({ error: { code: "too_many_connections", message } }, { status: 429 });

/** Accepts a new hibernatable socket; `open` runs on the server end before the 101 is answered. */
export function accept<A>(ctx: DurableObjectState, tags: string[], attachment: A | null, open: (server: WebSocket) => void): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  ctx.acceptWebSocket(server, tags);
  if (attachment !== null) server.serializeAttachment(attachment);
  open(server);
  return new Response(null, { status: 101, webSocket: client });
}

export function attachmentOf<A>(ws: WebSocket): A | null {
  return (ws.deserializeAttachment() as A | null) ?? null;
}

/** Sends one message; a closing socket is ignored (the client resyncs when it reconnects). */
export function send(ws: WebSocket, message: unknown): void {
  sendText(ws, JSON.stringify(message));
}

/** Sends one message to many sockets, serialised once. */
export function broadcast(sockets: WebSocket[], message: unknown): void {
  const text = JSON.stringify(message);
  for (const ws of sockets) sendText(ws, text);
}

function sendText(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch {
    // closing socket
  }
}

export function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // already closed
  }
}

/**
 * The gate every incoming message passes: text only, within the size limit, within the socket's
 * token bucket (burst and rate from the TABLE_RATE_LIMIT setting or the given limits). Answers
 * the text, or null after closing the socket.
 */
export class SocketGate {
  private readonly buckets = new WeakMap<WebSocket, TokenBucket>();
  private readonly maxBytes: number;
  readonly limit: { burst: number; perSecond: number };

  constructor(
    setting: string | undefined,
    limits: { burst: number; perSecond: number; maxMessageBytes: number },
    private readonly tooBig: (max: number) => string = () => "message too big",
  ) {
    this.limit = rateLimitOf(setting, limits);
    this.maxBytes = limits.maxMessageBytes;
  }

  admit(ws: WebSocket, message: string | ArrayBuffer): string | null {
    if (typeof message !== "string") return ws.close(CLOSE.unsupported, "binary messages are not supported"), null;
    if (message.length > this.maxBytes) return ws.close(CLOSE.tooBig, this.tooBig(this.maxBytes)), null;
    let bucket = this.buckets.get(ws);
    if (!bucket) this.buckets.set(ws, (bucket = new TokenBucket(this.limit.burst, this.limit.perSecond)));
    if (!bucket.take()) return ws.close(CLOSE.policy, "too many messages; slow down"), null;
    return message;
  }
}
