import { defineConfig } from "vitest/config";

/**
 * Browser journeys (test/e2e/**\/*.e2e.ts) in plain Node, not the Workers pool: playwright-core
 * drives Debian's chromium against one real `wrangler dev` started by the global setup
 * (test/support/dev-server.mjs). Files run one after another; two cores are shared.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["./test/support/e2e-global-setup.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
    // A poll returns as soon as it holds; the default 1 s is too short on a loaded 2-core machine.
    expect: { poll: { timeout: 10_000 } },
  },
});
