import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";
import { errorResponse } from "./errors";

/** A router whose routes are described in /api/openapi.json; invalid input answers 400. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      const first = issues[0];
      const message = first ? `${first.path || "body"}: ${first.message}` : "Invalid request.";
      return errorResponse(c, 400, "invalid_request", message, { issues });
    },
  });
}
