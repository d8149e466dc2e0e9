import { z } from "@hono/zod-openapi";

/** Schemas shared by several routers. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string().openapi({ example: "Store not found." }),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

const errorContent = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

/** Standard error responses to spread into a route's `responses`. */
export const errors = {
  400: errorContent("Invalid input"),
  401: errorContent("Not signed in"),
  403: errorContent("Role not allowed"),
  404: errorContent("Not found"),
  409: errorContent("Conflict"),
  429: errorContent("Too many requests"),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const jsonOk = <T extends z.ZodType>(schema: T, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

export const Email = z.string().trim().toLowerCase().email().max(254);
export const Password = z.string().min(10, "Use at least 10 characters.").max(200);
export const IanaTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Unknown time zone.");
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "Use an ISO 4217 code such as EUR.")
  .refine((code) => {
    try {
      new Intl.NumberFormat("en", { style: "currency", currency: code });
      return true;
    } catch {
      return false;
    }
  }, "Unknown currency.");
export const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use a language tag such as en or zh-CN.");

export const IdParam = (name: string) =>
  z.string().min(1).max(64).openapi({ param: { name, in: "path" } });
