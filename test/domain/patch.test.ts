import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { patchOf } from "../../src/api/patch";

const Create = z.object({
  name: z.string().min(1),
  seats: z.number().int().default(4),
  area: z.string().default("").optional(),
  imageUrl: z.string().nullable().default(null),
});

describe("patchOf", () => {
  it("leaves out what the patch leaves out, even fields with a default", () => {
    expect(Create.partial().parse({ name: "T1" })).toEqual({ name: "T1", seats: 4, area: "", imageUrl: null }); // the trap
    expect(patchOf(Create).parse({ name: "T1" })).toEqual({ name: "T1" });
  });

  it("keeps each field's own rules: types, ranges and null where null was allowed", () => {
    const Patch = patchOf(Create);
    expect(Patch.parse({ imageUrl: null })).toEqual({ imageUrl: null });
    expect(Patch.safeParse({ name: "" }).success).toBe(false);
    expect(Patch.safeParse({ seats: 2.5 }).success).toBe(false);
    expect(Patch.safeParse({ seats: null }).success).toBe(false);
  });

  it("refuses a patch that names no known field", () => {
    const Patch = patchOf(Create);
    for (const body of [{}, { colour: "red" }]) {
      const r = Patch.safeParse(body);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("Name at least one field to change: name, seats, area, imageUrl.");
    }
    expect(Patch.parse({ seats: 6, colour: "red" })).toEqual({ seats: 6 });
  });
});
