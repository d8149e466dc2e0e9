/** A token bucket: `burst` actions at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** "burst,perSecond" from the TABLE_RATE_LIMIT setting, or the given default. */
export function rateLimitOf(setting: string | undefined, fallback: { burst: number; perSecond: number }): { burst: number; perSecond: number } {
  const [burst, perSecond] = (setting ?? "").split(",").map(Number);
  return burst! > 0 && perSecond! > 0 ? { burst: burst!, perSecond: perSecond! } : fallback;
}
