import type { Env } from "../env";
import { createAntomClient, type AntomClient } from "./antom/client";
import { antomConfig, type AntomConfig } from "./antom/config";
import { loopbackFetch } from "./sandbox/loopback";

export type ProviderEnv = Pick<Env, "APP_ENV" | "ANTOM_BASE_URL" | "ANTOM_CLIENT_ID" | "ANTOM_MERCHANT_PRIVATE_KEY" | "ANTOM_PUBLIC_KEY" | "PUBLIC_ORIGIN">;

export interface Provider {
  client: AntomClient;
  config: AntomConfig;
}

/**
 * The payment provider configured for this environment: the real Antom endpoint in production,
 * the built-in sandbox wallet locally and in tests. Only ANTOM_BASE_URL and the keys differ. A
 * base URL on our own PUBLIC_ORIGIN goes through the sandbox's loopback fetch (in-process where no
 * server listens on that origin); any other goes over the network. Throws AntomConfigError when
 * the configuration is missing or invalid.
 */
export function providerOf(env: ProviderEnv): Provider {
  const config = antomConfig(env);
  const loop = loopbackFetch(env);
  const client = createAntomClient({
    baseUrl: config.baseUrl,
    clientId: config.clientId,
    privateKey: config.privateKey,
    providerPublicKey: config.providerPublicKey,
    fetch: (input, init) => loop(new Request(input, init)),
  });
  return { client, config };
}
