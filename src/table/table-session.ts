import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/** One per table: the live session (diners, shared cart, rounds). Built in the joint-table issue. */
export class TableSession extends DurableObject<Env> {}
