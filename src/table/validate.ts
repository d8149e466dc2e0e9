import { z } from "@hono/zod-openapi";
import { CART_LIMITS } from "../domain/cart/limits";
import { CALL_KINDS } from "../domain/table/calls";
import type { ClientMessage } from "./protocol";

/** Schemas for what clients send, shared by the WebSocket handler and the HTTP routes. */
const Id = z.string().min(1).max(64);
const RequestId = z.string().min(1).max(64);
const OptionIds = z.array(Id).max(CART_LIMITS.maxOptionsPerLine);
const Quantity = z.number().int().min(CART_LIMITS.minQuantity).max(CART_LIMITS.maxQuantity);
const Note = z.string().max(CART_LIMITS.maxNoteLength);

export const AddLineInput = z.object({
  dishId: Id,
  optionIds: OptionIds.default([]),
  quantity: Quantity.default(1),
  note: Note.default(""),
});

export const UpdateLineInput = z
  .object({ quantity: Quantity.optional(), optionIds: OptionIds.optional(), note: Note.optional() })
  .refine((v) => v.quantity !== undefined || v.optionIds !== undefined || v.note !== undefined, "Change the quantity, options or note.");

/** What the sender's page showed when Send was pressed (see domain/cart/shown). */
export const ShownInput = z
  .object({
    total: z.number().int().min(0),
    lines: z.array(z.object({ id: Id, unitPrice: z.number().int().min(0), quantity: z.number().int().min(0) })).max(CART_LIMITS.maxLines),
  })
  .openapi("ShownCart", { description: "The cart as the page showed it; the round is refused with prices_changed (409) if it differs." });

export const CallInput = z.object({ kind: z.enum(CALL_KINDS), note: Note.default("") });
/** A join code as typed: digits, maybe with spaces or a dash. */
export const JoinCodeInput = z.string().trim().min(4).max(12).regex(/^[0-9\s-]+$/, "Type the digits shown on a phone at the table.");
export const NameInput = z.object({ name: z.string().min(1).max(CART_LIMITS.maxDinerNameLength) });

// Over the socket only the shape is checked here; ranges are the domain's, so an out-of-range
// quantity gets an `invalid_quantity` error reply instead of closing the socket.
const AnyQuantity = z.number();
const AnyNote = z.string().max(1000);
const CartOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), dishId: Id, optionIds: OptionIds.default([]), quantity: AnyQuantity.default(1), note: AnyNote.default("") }),
  z.object({ op: z.literal("update"), lineId: Id, quantity: AnyQuantity.optional(), optionIds: OptionIds.optional(), note: AnyNote.optional() }),
  z.object({ op: z.literal("remove"), lineId: Id }),
  z.object({ op: z.literal("take_over"), lineId: Id }),
]);

const ClientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("op"), id: RequestId, op: CartOpSchema }),
  z.object({ type: z.literal("submit"), id: RequestId, shown: ShownInput.optional() }),
  z.object({ type: z.literal("call"), id: RequestId, kind: z.enum(CALL_KINDS), note: AnyNote.optional() }),
  z.object({ type: z.literal("rename"), id: RequestId, name: z.string().max(200) }),
  z.object({ type: z.literal("admit"), id: RequestId, requestId: Id }),
  z.object({ type: z.literal("decline"), id: RequestId, requestId: Id }),
  z.object({ type: z.literal("sync") }),
  z.object({ type: z.literal("echo"), id: RequestId, data: z.string().max(1024) }),
]);

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; reason: string };

/** Parses one WebSocket text frame; the reason is short enough for a close frame (≤123 bytes). */
export function parseClientMessage(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "invalid message: not JSON" };
  }
  const parsed = ClientMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "message";
    return { ok: false, reason: `invalid message: ${where}: ${issue?.message ?? "invalid"}`.slice(0, 120) };
  }
  return { ok: true, message: parsed.data as ClientMessage };
}
