import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../router";
import { errors, jsonOk } from "../schemas";
import { notFound, unauthorized } from "../errors";
import { DEMO_LOGINS, DEMO_MERCHANT_ID, DEMO_PASSWORD, DEMO_STORE_ID, demoTables, seedDemo } from "../../db/seed/demo";
import { hasBootstrapSecret } from "./platform";

const SeedResult = z
  .object({
    merchant: z.object({ id: z.string(), slug: z.string(), storeId: z.string() }),
    tables: z.array(z.object({ name: z.string(), area: z.string(), code: z.string(), url: z.string() })),
    logins: z.array(z.object({ role: z.string(), email: z.string(), password: z.string() })),
    urls: z.object({ console: z.string(), staff: z.string(), partner: z.string(), restaurant: z.string(), openapi: z.string() }),
  })
  .openapi("DemoSeed");

export const devRoutes = createRouter();

devRoutes.openapi(
  createRoute({
    method: "post",
    path: "/seed",
    tags: ["development"],
    summary: "Seed the demo restaurant (local development only; idempotent)",
    description: "Answers 404 unless APP_ENV is development or test. Needs the bootstrap secret as bearer token.",
    responses: { 200: jsonOk(SeedResult), 401: errors[401], 404: errors[404] },
  }),
  async (c) => {
    if (c.env.APP_ENV !== "development" && c.env.APP_ENV !== "test") throw notFound();
    if (!hasBootstrapSecret(c)) throw unauthorized("Wrong or missing bootstrap secret.");
    await seedDemo(c.var.db, c.env);
    const origin = new URL(c.req.url).origin;
    const tables = (await demoTables(c.var.db)).map((t) => ({ ...t, url: `${origin}/q/${t.code}` }));
    return c.json(
      {
        merchant: { id: DEMO_MERCHANT_ID, slug: "demo", storeId: DEMO_STORE_ID },
        tables,
        logins: DEMO_LOGINS.map((l) => ({ role: l.role, email: l.email, password: DEMO_PASSWORD })),
        urls: {
          console: `${origin}/console/`,
          staff: `${origin}/staff/`,
          partner: `${origin}/partner/`,
          restaurant: `${origin}/m/demo`,
          openapi: `${origin}/api/openapi.json`,
        },
      },
      200,
    );
  },
);
