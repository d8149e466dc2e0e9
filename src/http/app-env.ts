import type { Env } from "../env";
import type { Db } from "../db/client";
import type { TenantScope } from "../db/scope";
import type { AuthContext } from "./middleware/session";
import type { MerchantAccess } from "./middleware/tenant";

/** Hono's environment for every router: the bindings and what middleware puts in context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Db;
    /** Set by the session middleware when a valid login cookie came with the request. */
    auth: AuthContext | undefined;
    /** Set by `requireMerchant`: the tenant every query of this request is limited to. */
    scope: TenantScope;
    access: MerchantAccess;
    /** Set by the partner API key middleware: the ISV the key belongs to. */
    partnerIsvId: string;
  };
}
