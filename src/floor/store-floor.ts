import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/** One per store: fan-out of the live floor to staff boards. Built in the joint-table issue. */
export class StoreFloor extends DurableObject<Env> {}
