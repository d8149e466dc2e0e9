import type { Env } from "../../env";

/** Where the provider is and the keys to talk to it with: production secrets, or .dev.vars for the sandbox wallet. */
export type AntomConfig = {
  baseUrl: string;
  clientId: string;
  /** Ours, base64 PKCS#8 DER. */
  privateKey: string;
  /** The provider's, base64 SPKI DER. */
  providerPublicKey: string;
  /** The Worker's public origin (no trailing slash): notify and redirect URLs are built on it. */
  publicOrigin: string;
};

export type AntomEnv = Pick<Env, "ANTOM_BASE_URL" | "ANTOM_CLIENT_ID" | "ANTOM_MERCHANT_PRIVATE_KEY" | "ANTOM_PUBLIC_KEY" | "PUBLIC_ORIGIN">;

const VARIABLES = ["ANTOM_BASE_URL", "ANTOM_CLIENT_ID", "ANTOM_MERCHANT_PRIVATE_KEY", "ANTOM_PUBLIC_KEY", "PUBLIC_ORIGIN"] as const;

export class AntomConfigError extends Error {
  override readonly name = "AntomConfigError";
}

/** The provider configuration from the env; throws AntomConfigError naming every variable missing or invalid. */
export function antomConfig(env: AntomEnv): AntomConfig {
  const missing = VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length) {
    throw new AntomConfigError(`payment provider not configured: set ${missing.join(", ")} (secrets in production, .dev.vars locally; \`npm start\` writes the sandbox's)`);
  }
  const value = (name: (typeof VARIABLES)[number]) => (env[name] ?? "").trim();
  return {
    baseUrl: httpUrl("ANTOM_BASE_URL", value("ANTOM_BASE_URL")).replace(/\/+$/, ""),
    clientId: value("ANTOM_CLIENT_ID"),
    privateKey: value("ANTOM_MERCHANT_PRIVATE_KEY"),
    providerPublicKey: value("ANTOM_PUBLIC_KEY"),
    publicOrigin: new URL(httpUrl("PUBLIC_ORIGIN", value("PUBLIC_ORIGIN"))).origin,
  };
}

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AntomConfigError(`${name} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AntomConfigError(`${name} must be an http(s) URL: ${JSON.stringify(value)}`);
  return value;
}
