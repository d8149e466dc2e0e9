import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Refusal, RefusalKind } from "../services/errors";
import { errorResponse } from "./errors";

const STATUS: Record<RefusalKind, ContentfulStatusCode> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, gone: 410 };

/** A service's refusal as the API's error body, with the status its kind maps to. */
export const refusalResponse = (c: Context, r: Refusal) => errorResponse(c, STATUS[r.kind], r.code, r.message, r.details);
