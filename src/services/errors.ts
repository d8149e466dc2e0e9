/**
 * What a service refuses, HTTP-free: the kind says what went wrong, the code and message are what
 * the caller is told. The HTTP layer maps kinds to statuses (src/http/refusal.ts); a webhook or
 * the cron job can read the same object.
 */
export type RefusalKind = "invalid" | "forbidden" | "not_found" | "conflict" | "gone";

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what = "Resource") => new Refusal("not_found", "not_found", `${what} not found.`);
export const forbidden = (message = "Your role does not allow this.") => new Refusal("forbidden", "forbidden", message);
export const invalid = (code: string, message: string, details?: unknown) => new Refusal("invalid", code, message, details);
export const conflict = (code: string, message: string) => new Refusal("conflict", code, message);
