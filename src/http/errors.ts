import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one error body every JSON endpoint answers with. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what = "Resource") => new ApiError(404, "not_found", `${what} not found.`);
export const forbidden = (message = "Your role does not allow this.") => new ApiError(403, "forbidden", message);
export const unauthorized = (message = "Sign in first.") => new ApiError(401, "unauthorized", message);
export const badRequest = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);

/**
 * A write that lost a race against a concurrent one on a unique index (D1 rolls its batch back).
 * Handlers check for clashes first; this only catches the two requests that checked at once.
 */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  }
  return false;
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return c.json(body, status);
}
