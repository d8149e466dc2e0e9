import { z } from "@hono/zod-openapi";

/** OpenAPI descriptions of the table views (responses are built by the object, not parsed). */
const Text = z.record(z.string(), z.string());
const Option = z.object({ id: z.string(), name: Text, priceDelta: z.number() });
const ItemState = z.enum(["received", "preparing", "ready", "served", "voided"]);
export const TableStatusSchema = z.enum(["free", "open", "bill_requested", "paying", "closed"]);

export const LineViewSchema = z
  .object({
    id: z.string(),
    dinerId: z.string(),
    addedBy: z.string(),
    dishId: z.string(),
    name: Text,
    options: z.array(Option),
    quantity: z.number().int(),
    note: z.string(),
    unitPrice: z.number().int().openapi({ description: "Minor units, computed on the server" }),
    lineTotal: z.number().int(),
    problem: z.enum(["sold_out", "unavailable", "off_menu"]).nullable(),
    priceWas: z.number().int().nullable().openapi({ description: "The unit price its diner saw before the menu changed it, else null" }),
  })
  .openapi("CartLine");

export const ItemViewSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    dishId: z.string(),
    name: Text,
    options: z.array(Option),
    quantity: z.number().int(),
    unitPrice: z.number().int(),
    lineTotal: z.number().int(),
    note: z.string(),
    dinerId: z.string(),
    state: ItemState,
    voidReason: z.string().nullable(),
    station: z.string(),
    categoryId: z.string(),
    updatedAt: z.number(),
  })
  .openapi("OrderItem");

export const TableViewSchema = z
  .object({
    tableId: z.string(),
    tableName: z.string(),
    status: TableStatusSchema,
    sessionId: z.string().nullable(),
    openedAt: z.number().nullable(),
    currency: z.string(),
    menuVersion: z.number(),
    requireAllConfirm: z.boolean(),
    confirmed: z.array(z.string()),
    access: z.object({
      joinCode: z.string().nullable().openapi({ description: "The code a newcomer types to join; seen by seated diners and staff" }),
      requests: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.number(), expiresAt: z.number(), help: z.boolean() })),
      awaitingStaff: z.boolean().openapi({ description: "The first round waits for a staff member to confirm it" }),
      paused: z.enum(["merchant_suspended", "store_closed"]).nullable().openapi({ description: "Why the table cannot order right now" }),
    }),
    diners: z.array(z.object({ id: z.string(), name: z.string(), staff: z.boolean(), online: z.boolean() })),
    lines: z.array(LineViewSchema),
    rounds: z.array(
      z.object({ id: z.string(), no: z.number(), submittedAt: z.number(), submittedBy: z.string(), subtotal: z.number(), items: z.array(ItemViewSchema) }),
    ),
    calls: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["waiter", "bill", "water", "note"]),
        note: z.string(),
        dinerId: z.string(),
        createdAt: z.number(),
        ackedAt: z.number().nullable(),
      }),
    ),
  })
  .openapi("TableView");

export const TableCardSchema = z
  .object({
    tableId: z.string(),
    tableName: z.string(),
    area: z.string(),
    seats: z.number(),
    tv: z.number(),
    status: TableStatusSchema,
    sessionId: z.string().nullable(),
    openedAt: z.number().nullable(),
    guests: z.number(),
    rounds: z.array(z.object({ id: z.string(), no: z.number(), submittedAt: z.number(), items: z.number() })),
    items: z.array(
      z.object({
        id: z.string(),
        roundId: z.string(),
        roundNo: z.number(),
        dishId: z.string(),
        name: Text,
        options: z.array(Text),
        quantity: z.number(),
        note: z.string(),
        state: ItemState,
        station: z.string(),
        categoryId: z.string(),
        submittedAt: z.number(),
        updatedAt: z.number(),
        dinerName: z.string(),
      }),
    ),
    calls: z.array(z.object({ id: z.string(), kind: z.string(), note: z.string(), createdAt: z.number(), dinerName: z.string() })),
    joinCode: z.string().nullable(),
    requests: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.number(), help: z.boolean() })),
    awaitingStaff: z.boolean(),
    paused: z.enum(["merchant_suspended", "store_closed"]).nullable(),
    cartItems: z.number(),
    orderedTotal: z.number(),
    currency: z.string(),
    updatedAt: z.number(),
  })
  .openapi("TableCard");
