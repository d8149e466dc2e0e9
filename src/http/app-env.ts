import type { Env } from "../env";
import type { DbVariables } from "./middleware/db";
import type { SessionVariables } from "./middleware/session";
import type { TenantVariables } from "./middleware/tenant";

/** Set by the partner API's key middleware (routes/partner-api.ts): the ISV the key belongs to. */
export type PartnerKeyVariables = {
  partnerIsvId: string;
};

/**
 * Hono's environment for every router: the bindings and what the middleware puts in context.
 * Each middleware declares its own variables (as Hono's request-id does); this only composes
 * them, and no middleware imports it.
 */
export interface AppEnv {
  Bindings: Env;
  Variables: DbVariables & SessionVariables & TenantVariables & PartnerKeyVariables;
}
