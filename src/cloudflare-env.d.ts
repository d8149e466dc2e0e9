// The Worker's bindings (wrangler.toml) and secrets (.dev.vars / `wrangler secret put`), merged
// into the runtime's global types so `env` and `exports` from "cloudflare:workers" are typed too.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    ASSETS: Fetcher;
    TABLE: DurableObjectNamespace<import("./table/table-session").TableSession>;
    FLOOR: DurableObjectNamespace<import("./floor/store-floor").StoreFloor>;
    /** The built-in sandbox wallet (src/payments/sandbox), one object named "wallet"; its routes answer 404 in production. */
    SANDBOX_WALLET: DurableObjectNamespace<import("./payments/sandbox/wallet-object").SandboxWallet>;
    /** Dish photos, logos and covers (src/services/images.ts). */
    MEDIA: R2Bucket;
    APP_ENV: "development" | "production" | "test";
    /** Lets the operator create the first platform admin (POST /api/platform/bootstrap). */
    PLATFORM_BOOTSTRAP_SECRET?: string;
    /** HMAC key for diner cookies and table-session tokens. */
    SESSION_SIGNING_KEY?: string;
    /** Table objects' per-diner message limit as "burst,perSecond" (default "40,20"); benchmarks raise it. */
    TABLE_RATE_LIMIT?: string;
  }
  interface GlobalProps {
    mainModule: typeof import("./index");
    durableNamespaces: "TableSession" | "StoreFloor";
  }
}
