import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { boundLedgers, ledgerDatabase } from "../../src/db/ledger/placement";

// The control plane gets migrations/, every ledger database (LEDGER_0 … ) migrations-ledger/.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
for (const placement of boundLedgers(env)) await applyD1Migrations(ledgerDatabase(placement, env), env.TEST_LEDGER_MIGRATIONS);
