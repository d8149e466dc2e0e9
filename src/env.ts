/** Bindings declared in wrangler.toml and secrets; declared in cloudflare-env.d.ts. */
export type Env = Cloudflare.Env;
