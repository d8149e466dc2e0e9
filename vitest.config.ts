import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { devKeyVars } from "./scripts/dev-keys.mjs";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  const ledgerMigrations = await readD1Migrations(path.join(import.meta.dirname, "migrations-ledger"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_LEDGER_MIGRATIONS: ledgerMigrations,
            APP_ENV: "test",
            PLATFORM_BOOTSTRAP_SECRET: "test-bootstrap-secret",
            SESSION_SIGNING_KEY: "test-signing-key",
            // Throwaway payment keys for this run: our client and the sandbox wallet at https://t.test.
            ...devKeyVars("https://t.test"),
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts", "test/**/*.test.tsx", "src/**/*.test.ts"],
      exclude: ["test/e2e/**", "test/bench/**", "node_modules/**"],
      setupFiles: ["./test/setup/apply-migrations.ts"],
      testTimeout: 20_000,
    },
  };
});
