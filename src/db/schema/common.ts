import { integer, text } from "drizzle-orm/sqlite-core";

/** Milliseconds since the epoch, UTC. Every timestamp in D1 is stored this way. */
export const utcMillis = (name: string) => integer(name, { mode: "number" });

/** A JSON column; the value is validated by zod at the edge before it is written. */
export const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();
export type { Translated } from "../../domain/menu/types";
