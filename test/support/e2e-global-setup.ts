import type { TestProject } from "vitest/node";
import { startDevServer, type SeedResponse } from "./dev-server.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the shared wrangler dev server, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
    /** The demo seed (POST /api/dev/seed) of that server. */
    seed: SeedResponse;
    /** PLATFORM_BOOTSTRAP_SECRET of that server (for POST /api/platform/bootstrap). */
    bootstrapSecret: string;
  }
}

/**
 * One wrangler dev for the whole e2e run (start-up costs seconds): files share its database, so
 * each journey creates its own merchant or uses the demo seed without changing shared rows.
 */
export default async function setup(project: TestProject) {
  const server = await startDevServer();
  project.provide("baseUrl", server.baseUrl);
  project.provide("seed", server.seed);
  project.provide("bootstrapSecret", server.secret);
  return async () => {
    await server.stop();
  };
}
