import type { Env } from "../../env";

/** What the sandbox wallet needs from the environment (scripts/dev-keys.mjs writes them locally). */
export interface SandboxConfig {
  /** The one client the wallet knows: ours (ANTOM_CLIENT_ID). */
  clientId: string;
  /** The merchant's public key (base64 SPKI DER), to verify our requests. */
  merchantPublicKey: string;
  /** The wallet's own private key (base64 PKCS#8 DER), to sign answers and notifications. */
  privateKey: string;
}

export type SandboxEnv = Pick<Env, "APP_ENV" | "ANTOM_CLIENT_ID" | "SANDBOX_MERCHANT_PUBLIC_KEY" | "SANDBOX_PRIVATE_KEY" | "PUBLIC_ORIGIN">;

/** The sandbox runs everywhere but production. */
export const sandboxEnabled = (env: Pick<Env, "APP_ENV">) => env.APP_ENV !== "production";

/** The configuration, or null when a key is missing (run `npm start`, which writes them). */
export function sandboxConfig(env: SandboxEnv): SandboxConfig | null {
  const { ANTOM_CLIENT_ID: clientId, SANDBOX_MERCHANT_PUBLIC_KEY: merchantPublicKey, SANDBOX_PRIVATE_KEY: privateKey } = env;
  return clientId && merchantPublicKey && privateKey ? { clientId, merchantPublicKey, privateKey } : null;
}
