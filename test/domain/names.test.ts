import { describe, expect, it } from "vitest";
import { normalizeDinerName } from "../../src/domain/cart/ops";
import { hasBidiControl, isInvisible } from "../../src/domain/text";
import { plainText } from "../../src/api/text";

const refused = (name: string) => {
  const r = normalizeDinerName(name);
  return r.ok ? null : r.error.code;
};

describe("diner names", () => {
  it("refuses every text-direction embedding, override and isolate", () => {
    // "Ana" + RIGHT-TO-LEFT OVERRIDE: the page would show what follows reversed.
    expect(refused("Ana\u202Egnp.exe")).toBe("invalid_name");
    for (let c = 0x202a; c <= 0x202e; c++) expect(refused(`Ana${String.fromCharCode(c)}x`), c.toString(16)).toBe("invalid_name");
    for (let c = 0x2066; c <= 0x2069; c++) expect(refused(`Ana${String.fromCharCode(c)}x`), c.toString(16)).toBe("invalid_name");
    // Refused, not stripped: the diner is told instead of seeing a name they did not type.
    expect(normalizeDinerName("\u202EAna")).toMatchObject({ ok: false, error: { message: expect.stringContaining("text-direction") } });
  });

  it("refuses names made only of invisible characters", () => {
    const invisible = [
      "\u200B", // zero-width space
      "\u200C\u200D", // zero-width non-joiner and joiner
      "\u2060\uFEFF", // word joiner, BOM
      "\u00A0\u3000", // no-break and ideographic space
      "\u3164", // Hangul filler
      "\u2800", // braille blank
      "\u200E\u200F", // direction marks alone
      "\uFE0F", // a variation selector alone
      " \u200B \u200B ",
    ];
    for (const name of invisible) expect(refused(name), JSON.stringify(name)).toBe("invalid_name");
    expect(refused("")).toBe("invalid_name");
    expect(refused("   ")).toBe("invalid_name");
  });

  it("keeps real names in any script, emoji sequences with joiners included", () => {
    for (const name of ["Ana", "José María", "李雷", "محمد", "אבי", "Zoë 👩‍👩‍👧", "O'Brien-Smith", "Ana\u200B"]) {
      expect(normalizeDinerName(name), name).toMatchObject({ ok: true });
    }
    expect(normalizeDinerName("  Ana \n Lee ")).toEqual({ ok: true, value: "Ana Lee" });
    expect(refused("x".repeat(41))).toBe("invalid_name");
  });

  it("the shared text rules behind it", () => {
    expect(hasBidiControl("a\u2067b")).toBe(true);
    expect(hasBidiControl("abc \u200F")).toBe(false);
    expect(isInvisible("\u200B\u3000")).toBe(true);
    expect(isInvisible("a\u200B")).toBe(false);
    // Names typed in the console (staff, tables, stores) follow the same rules.
    const name = plainText(80, 1, "Name it.");
    expect(name.safeParse("Ana\u202E").success).toBe(false);
    expect(name.safeParse("\u200B\u200B").success).toBe(false);
    expect(name.safeParse("Terrace 4").success).toBe(true);
    expect(plainText(80).safeParse("").success).toBe(true);
  });
});
