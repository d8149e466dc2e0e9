declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** migrations-ledger/, applied to every LEDGER_i by test/setup/apply-migrations.ts. */
    TEST_LEDGER_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
