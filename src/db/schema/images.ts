import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ImageKind, ImageType } from "../../domain/images/types";
import { json, utcMillis } from "./common";
import { merchants } from "./accounts";

/**
 * Every image a merchant has in the MEDIA bucket (one row per image, its widths are files
 * `media/<merchantId>/<key>-<width>.<ext>`). A row is written in the same batch as the dish or
 * branding that references it, and removed with its files once nothing references it, so no
 * file is left behind (src/services/images.ts).
 */
export const images = sqliteTable(
  "images",
  {
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    /** Hex SHA-256 over the kind and the files' hashes: the same picture uploaded twice is one row. */
    key: text("key").notNull(),
    kind: text("kind").$type<ImageKind>().notNull(),
    type: text("type").$type<ImageType>().notNull(),
    widths: json<number[]>("widths").notNull(),
    /** The largest file's pixel size. */
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    /** All the files together. */
    bytes: integer("bytes").notNull(),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.key] }), index("images_created_idx").on(t.merchantId, t.createdAt)],
);
