import { exports } from "cloudflare:workers";
import type { Env } from "../../env";

/** fetch's own signature, so the loopback can be handed to the Antom client as its `fetch`. */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * fetch for the sandbox's traffic with its own Worker: our client calling the wallet, and the
 * wallet notifying our notify endpoint. A URL on the Worker's own PUBLIC_ORIGIN is handed to the
 * Worker's default export in-process (`exports.default.fetch`: the whole Hono app, the same code
 * path, no network hop), because the Workers test pool has no server listening on that origin.
 * Under `wrangler dev` a real self-fetch works (checked with wrangler 4.156: a Worker fetching
 * its own http://localhost:<port> and http://127.0.0.1:<port>, from a request and from a Durable
 * Object alarm), so development goes over the network like the real provider would. Any other
 * URL always goes through the global fetch.
 */
export function loopbackFetch(env: Pick<Env, "APP_ENV" | "PUBLIC_ORIGIN">): FetchLike {
  const own = originOf(env.PUBLIC_ORIGIN);
  return (input, init) => {
    const request = new Request(input, init);
    if (env.APP_ENV !== "development" && own !== null && new URL(request.url).origin === own) {
      return exports.default.fetch(request);
    }
    return fetch(request);
  };
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
