import { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { createRouter } from "../router";
import { clientIp } from "../middleware/session";
import { bumpCount } from "../../db/rate-limit";
import type { Db } from "../../db/client";
import { ackBody, ackResponse, failureAckBody, requestPathOf } from "../../payments/antom/notify";
import { handleNotification, NOTIFY_MAX_BODY } from "../../payments/notify-service";

/**
 * The provider's callback: POST /api/payments/antom/notify (notifyPayment, notifyRefund). The
 * raw body is read as sent (the signature covers it byte for byte). Accepted and duplicate
 * notifications get the SUCCESS acknowledgement (HTTP 200); refused ones a failure answer (result
 * F) with a 4xx, so a genuine notification refused by mistake is sent again; 503 when we could not
 * handle or record it now. Every notification is recorded (src/payments/notify-service.ts).
 */
export const paymentNotifyRoutes = createRouter();

// Described in /api/openapi.json, but the handler reads the raw body itself (no schema may parse
// and re-serialise what the signature covers).
const Ack = z
  .object({ result: z.object({ resultCode: z.string(), resultStatus: z.enum(["S", "F", "U"]), resultMessage: z.string() }) })
  .openapi("AntomAck");
paymentNotifyRoutes.openAPIRegistry.registerPath({
  method: "post",
  path: "/antom/notify",
  tags: ["Payments"],
  summary: "The provider's notifyPayment / notifyRefund (signed per the Antom protocol; answered with its acknowledgement)",
  request: { body: { content: { "application/json": { schema: z.object({}).passthrough().openapi("AntomNotification") } } } },
  responses: {
    200: { description: "Accepted or a duplicate (SUCCESS)", content: { "application/json": { schema: Ack } } },
    400: { description: "Malformed or stale", content: { "application/json": { schema: Ack } } },
    401: { description: "Missing or bad signature, or another client", content: { "application/json": { schema: Ack } } },
    409: { description: "Names a payment of ours with another amount, currency or state", content: { "application/json": { schema: Ack } } },
    503: { description: "Not recorded; send it again", content: { "application/json": { schema: Ack } } },
  },
});

/** Refused notifications per address and window: a script cannot fill the ledger with garbage. */
export const NOTIFY_REJECT_LIMIT = { perAddress: 200, windowMs: 10 * 60_000 } as const;

paymentNotifyRoutes.post("/antom/notify", async (c) => {
  const now = Date.now();
  const clientId = c.env.ANTOM_CLIENT_ID ?? "";
  const ip = clientIp(c);
  const limitKey = `notify-rejected:${ip}`;
  if ((await rejectedSoFar(c.var.db, limitKey, now)) >= NOTIFY_REJECT_LIMIT.perAddress) {
    return ackResponse(failureAckBody("REQUEST_TRAFFIC_EXCEED_LIMIT", "too many refused notifications from this address"), { clientId, now, status: 429 });
  }

  // A body declared larger than any notification is not read at all.
  const oversized = Number(c.req.header("content-length") ?? "0") > NOTIFY_MAX_BODY;
  const body = oversized ? "" : await c.req.text();
  let answer;
  try {
    answer = await handleNotification(c.env, c.var.db, { path: requestPathOf(c.req.url), headers: c.req.raw.headers, body, oversized, now });
  } catch (error) {
    // Not even recorded (the ledger is unreachable): the provider must send it again.
    console.error("notify: could not record", error);
    return ackResponse(failureAckBody("UNKNOWN_EXCEPTION", "try again later"), { clientId, now, status: 503 });
  }
  if (answer.verdict === "rejected" && answer.status !== 503) await bumpCount(c.var.db, limitKey, NOTIFY_REJECT_LIMIT.windowMs, now);
  if (answer.status === 200) return ackResponse(ackBody(), { clientId, now });
  const code = answer.status === 503 ? "UNKNOWN_EXCEPTION" : "PROCESS_FAIL";
  return ackResponse(failureAckBody(code, answer.reason ?? "notification not accepted"), { clientId, now, status: answer.status });
});

async function rejectedSoFar(db: Db, key: string, now: number): Promise<number> {
  const row = await db.get<{ count: number; window_start: number } | undefined>(sql`SELECT count, window_start FROM rate_limits WHERE key = ${key}`);
  return row && row.window_start > now - NOTIFY_REJECT_LIMIT.windowMs ? row.count : 0;
}
