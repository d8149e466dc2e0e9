/**
 * The table's outbox to the ledger: what the merchant's ledger database must receive (rounds,
 * closed sessions) is kept in the object's storage until it has it. The alarm drains it.
 */
import type { Env } from "../env";
import { createDb } from "../db/client";
import { writeOutboxEntry } from "../db/ledger/writes";
import type { LedgerScope } from "../db/ledger/scope";
import { TenantScope } from "../db/scope";
import type { TableStore } from "./store";

const OUTBOX_BACKOFF_MS = [1_000, 5_000, 15_000, 60_000, 300_000];

export class Outbox {
  private draining = false;
  private tenant: TenantScope | null = null;

  constructor(
    private readonly env: Env,
    private readonly store: TableStore,
  ) {}

  /**
   * Writes the outbox entries to D1, oldest first; a failed one is retried later with back-off
   * (the alarm is set for the earliest retry, and then every entry is tried again).
   */
  async drain(): Promise<{ written: number; failed: number }> {
    if (this.draining) return { written: 0, failed: 0 };
    this.draining = true;
    let written = 0;
    let failed = 0;
    try {
      for (const entry of this.store.outbox(50)) {
        try {
          await writeOutboxEntry(await this.ledgerOf(entry.payload.merchantId), entry);
          this.store.outboxDone(entry.seq);
          written++;
        } catch (e) {
          const delay = OUTBOX_BACKOFF_MS[Math.min(entry.attempts, OUTBOX_BACKOFF_MS.length - 1)]!;
          this.store.outboxFailed(entry.seq, String(e), Date.now() + delay);
          failed++;
          console.warn("outbox write failed; will retry", entry.key, String(e));
        }
      }
    } finally {
      this.draining = false;
    }
    return { written, failed };
  }

  /** The merchant's ledger database, as its tenant scope hands it out (the placement is read once per object). */
  private ledgerOf(merchantId: string): Promise<LedgerScope> {
    if (this.tenant?.merchantId !== merchantId) this.tenant = new TenantScope(createDb(this.env.DB), merchantId, this.env);
    return this.tenant.ledger();
  }
}
