/**
 * Pushing this table's card to the store's floor object: bursts coalesce into one call at a
 * time, a failure marks the card dirty (in storage) and asks for a retry by alarm.
 */
import type { Env } from "../env";
import type { TableCard } from "../floor/protocol";
import { floorName } from "../floor/names";
import type { TableRef, TableStore } from "./store";

export const FLOOR_RETRY_MS = 5_000;
const CART_FLOOR_DELAY_MS = 2_000;

export class FloorPush {
  private busy = false;
  private queued = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly env: Env,
    private readonly store: TableStore,
    private readonly table: () => { ref: TableRef | null; card: () => TableCard },
    private readonly retryAt: (at: number) => void,
  ) {}

  /** A push failed earlier and the floor has not had the card since. */
  get dirty(): boolean {
    return this.store.getKv<boolean>("floor_dirty") === true;
  }

  /** Tells the store's floor object about this table; coalesces bursts, retries by alarm. */
  push(): void {
    if (!this.table().ref) return;
    this.queued = true;
    if (!this.busy) void this.drain();
  }

  /**
   * Cart edits matter less to staff than rounds and calls, and come in bursts: their card goes
   * out at most once per CART_FLOOR_DELAY_MS (a lost timer only delays it to the next change).
   */
  pushSoon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.push();
    }, CART_FLOOR_DELAY_MS);
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queued) {
        this.queued = false;
        const { ref, card } = this.table();
        try {
          await this.env.FLOOR.getByName(floorName(ref!.merchantId, ref!.storeId)).update(ref!.merchantId, ref!.storeId, card());
          if (this.store.getKv("floor_dirty")) this.store.setKv("floor_dirty", null);
        } catch (e) {
          console.warn("floor update failed; will retry", String(e));
          this.store.setKv("floor_dirty", true);
          this.retryAt(Date.now() + FLOOR_RETRY_MS);
          return;
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
