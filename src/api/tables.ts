import { z } from "@hono/zod-openapi";

/** A store's table as the tables API answers it; the console's tables page takes its type from here. */
export const TableSchema = z
  .object({
    id: z.string(),
    storeId: z.string(),
    name: z.string(),
    area: z.string(),
    seats: z.number(),
    code: z.string().openapi({ description: "The unguessable code in the QR URL /q/<code>" }),
    url: z.string().openapi({ description: "What the table's QR code encodes" }),
    createdAt: z.number(),
  })
  .openapi("Table");

export type Table = z.infer<typeof TableSchema>;
