import { z } from "@hono/zod-openapi";

/**
 * PATCH schemas built from create schemas. A create schema fills absent fields with defaults
 * (`.default(0)`); zod 4 applies a default even under `.partial()` or `.optional()`, so reusing a
 * create schema for PATCH silently reset every field the caller did not name. `patchOf` strips
 * the defaults: a field left out stays out of the parsed patch, and the row keeps its value.
 * It also refuses a patch that names no known field (an empty body, or only unknown keys, which
 * zod strips), so no handler ever runs an UPDATE with nothing to set.
 */

type Bare<T> = T extends z.ZodDefault<infer I> ? Bare<I> : T extends z.ZodPrefault<infer I> ? Bare<I> : T extends z.ZodOptional<infer I> ? Bare<I> : T;
type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<Bare<S[K]>> };

/** The schema without its outer default / optional wrappers. */
export function withoutDefault<T extends z.ZodType>(schema: T): Bare<T> {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s as Bare<T>;
}

/** Every field optional, none defaulted, at least one required. */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const keys = Object.keys(schema.shape);
  const shape = Object.fromEntries(keys.map((k) => [k, withoutDefault(schema.shape[k] as z.ZodType).optional()])) as unknown as PatchShape<S>;
  return z
    .object(shape)
    .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: `Name at least one field to change: ${keys.join(", ")}.` })
    .openapi({ minProperties: 1, description: "Only the fields sent change; the others keep their values. Send at least one." });
}
