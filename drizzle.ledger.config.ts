import { defineConfig } from "drizzle-kit";

/** The ledger databases (LEDGER_0 … LEDGER_{N-1}); the control plane (`DB`) is drizzle.config.ts. */
export default defineConfig({
  schema: "./src/db/ledger/schema.ts",
  out: "./migrations-ledger",
  dialect: "sqlite",
});
