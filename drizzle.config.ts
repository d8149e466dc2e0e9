import { defineConfig } from "drizzle-kit";

/** The control plane (`DB`); the ledger databases have their own: drizzle.ledger.config.ts. */
export default defineConfig({
  schema: "./src/db/schema/index.ts",
  out: "./migrations",
  dialect: "sqlite",
});
