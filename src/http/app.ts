import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./app-env";
import { createDb } from "../db/client";
import { ApiError, errorResponse, isUniqueViolation } from "./errors";
import { Refusal } from "../services/errors";
import { refusalResponse } from "./refusal";
import { session } from "./middleware/session";
import { securityHeaders } from "./middleware/security-headers";
import { authRoutes } from "./routes/auth";
import { merchantRoutes } from "./routes/merchants";
import { isvRoutes } from "./routes/isv";
import { partnerApiRoutes } from "./routes/partner-api";
import { platformRoutes } from "./routes/platform";
import { menuRoutes } from "./routes/menu";
import { tableRoutes } from "./routes/tables";
import { guestApiRoutes } from "./routes/guest-api";
import { paymentNotifyRoutes } from "./routes/payments-notify";
import { guestPaymentRoutes } from "./routes/guest-payments";
import { billCodeRoutes } from "./routes/bill-code";
import { staffRoutes } from "./routes/staff";
import { devRoutes } from "./routes/dev";
import { imageRoutes, mediaRoutes } from "./routes/images";
import { guestPages } from "../pages/routes";
import { renderNotFoundPage } from "../pages/not-found";
import { sandboxWallet } from "../payments/sandbox/routes";
import { paymentsConsoleRoutes, receiptPages } from "./routes/payments-console";

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();

  app.use("*", securityHeaders);
  app.use("*", async (c, next) => {
    c.set("db", createDb(c.env.DB));
    await next();
  });

  app.get("/healthz", (c) => c.json({ ok: true, service: "tableside", time: new Date().toISOString() }));

  // JSON API: session cookie (and CSRF on writes) for every audience but the partner API,
  // which authenticates with an API key.
  app.use("/api/*", session);
  app.route("/api/auth", authRoutes);
  app.route("/api/merchants", merchantRoutes);
  app.route("/api/merchants", menuRoutes);
  app.route("/api/merchants", tableRoutes);
  app.route("/api/merchants", staffRoutes);
  app.route("/api/merchants", billCodeRoutes);
  app.route("/api/merchants", imageRoutes);
  app.route("/api/merchants", paymentsConsoleRoutes);
  app.route("/api/isv", isvRoutes);
  app.route("/api/partner/v1", partnerApiRoutes);
  app.route("/api/platform", platformRoutes);
  app.route("/api/guest", guestApiRoutes);
  app.route("/api/guest", guestPaymentRoutes);
  app.route("/api/payments", paymentNotifyRoutes);
  app.route("/api/dev", devRoutes);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Tableside API",
      version: "1.0.0",
      description:
        "Money is an integer in minor units with an ISO 4217 currency code. Errors answer " +
        '`{ "error": { "code", "message" } }`. Cookie-authenticated writes need the `X-CSRF-Token` header.',
    },
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "ts_session" });
  app.openAPIRegistry.registerComponent("securitySchemes", "partnerKey", { type: "http", scheme: "bearer" });

  // Single-page apps: any deep link under their base path gets the app's index.html.
  for (const spa of ["console", "staff", "partner"]) {
    app.get(`/${spa}/*`, async (c) => {
      const res = await c.env.ASSETS.fetch(new URL(`/${spa}/`, c.req.url));
      // A fetched response's headers are immutable; the security headers are set on a copy.
      return new Response(res.body, res);
    });
  }
  app.get("/", (c) => c.redirect("/console/"));

  // The built-in sandbox wallet (404 in production).
  app.route("/sandbox-wallet", sandboxWallet);
  // Uploaded images, content-addressed and cached for a year (routes/images.ts).
  app.route("/media", mediaRoutes);
  // Guests' printable receipts, by a signed link (routes/payments-console.ts).
  app.route("/receipt", receiptPages);
  app.route("/", guestPages);

  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? errorResponse(c, 404, "not_found", `No API route ${c.req.method} ${c.req.path}.`)
      : c.html(renderNotFoundPage(), 404),
  );

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.details);
    if (err instanceof Refusal) return refusalResponse(c, err);
    // Hono's JSON validator throws "Malformed JSON in request body" for a body that does not parse.
    if (err instanceof SyntaxError || (err instanceof HTTPException && /malformed json/i.test(err.message))) {
      return errorResponse(c, 400, "invalid_json", "The request body is not valid JSON.");
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 400 ? "invalid_request" : status === 401 ? "unauthorized" : "http_error";
      return errorResponse(c, status as 400, code, err.message || "Request failed.");
    }
    if (isUniqueViolation(err)) return errorResponse(c, 409, "conflict", "This was changed at the same moment by another request; reload and try again.");
    console.error("unhandled error", c.req.method, c.req.path, err);
    return errorResponse(c, 500, "internal_error", "Something went wrong on our side; please try again.");
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
