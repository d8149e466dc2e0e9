/** Bindings declared in wrangler.toml and secrets; declared in cloudflare-env.d.ts (and the ledger's below). */
export type Env = Cloudflare.Env;

/** A ledger database binding's name: LEDGER_0 … LEDGER_{N-1} (see db/ledger/placement.ts). */
export type LedgerBindingName = `LEDGER_${number}`;

/** What the ledger code needs of the Worker's env (LEDGER_1 … are read by name). */
export type LedgerBindings = Pick<Env, "LEDGER_0" | "LEDGER_COUNT">;

declare global {
  namespace Cloudflare {
    // The ledger databases: production adds LEDGER_2, LEDGER_3 … by configuration (README, "Ledger
    // databases"), so they are looked up by name; LEDGER_0 always exists.
    interface Env {
      LEDGER_0: D1Database;
      /** How many ledger databases (LEDGER_0 … LEDGER_{COUNT-1}) new merchants are placed in. */
      LEDGER_COUNT: string;
      /** The sandbox wallet's keys (scripts/dev-keys.mjs): our merchant public key to verify with, its own private key to sign with. */
      SANDBOX_MERCHANT_PUBLIC_KEY?: string;
      SANDBOX_PRIVATE_KEY?: string;
      /** Our client id at the payment provider (the one client the sandbox wallet knows). */
      ANTOM_CLIENT_ID?: string;
      /** The Worker's public origin, e.g. http://localhost:8787: notify and redirect URLs are built on it. */
      PUBLIC_ORIGIN?: string;
      /** The payment provider (src/payments/antom/config.ts): base URL, our private key (base64 PKCS#8 DER), its public key (base64 SPKI DER). */
      ANTOM_BASE_URL?: string;
      ANTOM_MERCHANT_PRIVATE_KEY?: string;
      ANTOM_PUBLIC_KEY?: string;
    }
  }
}
