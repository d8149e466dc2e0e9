import { describe, expect, it } from "vitest";
import { multilineText, plainText } from "../../src/api/text";

describe("typed text rules", () => {
  it("plain text is trimmed, bounded and free of control characters and line breaks", () => {
    const name = plainText(10, 1);
    expect(name.parse("  Bistro ")).toBe("Bistro");
    expect(name.safeParse("").success).toBe(false);
    expect(name.safeParse("x".repeat(11)).success).toBe(false);
    for (const bad of ["\u0000", "a\u0007b", "two\nlines", "tab\there", "del\u007f"]) {
      expect(name.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(name.parse("北京饭店 ☕")).toBe("北京饭店 ☕");
  });

  it("multi-line text keeps line breaks and tabs but refuses other controls", () => {
    const desc = multilineText(100);
    expect(desc.parse("Line one\nLine two\twith tab")).toBe("Line one\nLine two\twith tab");
    expect(desc.safeParse("bell\u0007").success).toBe(false);
    expect(desc.safeParse("nul\u0000").success).toBe(false);
  });
});
