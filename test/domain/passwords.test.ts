import { describe, expect, it } from "vitest";
import { hashPassword, PBKDF2_ITERATIONS, timingSafeEqual, verifyPassword } from "../../src/domain/passwords";
import { slugify, SLUG_PATTERN } from "../../src/domain/slug";

describe("password hashing", () => {
  it("stores scheme, the Workers maximum of iterations, a salt and the hash", async () => {
    const stored = await hashPassword("correct horse battery");
    const [scheme, iterations, salt, hash] = stored.split("$");
    expect(scheme).toBe("pbkdf2-sha256");
    expect(Number(iterations)).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(atob(salt!)).toHaveLength(16);
    expect(atob(hash!)).toHaveLength(32);
  });

  it("uses a fresh salt per hash, and verifies only the right password", async () => {
    const a = await hashPassword("same password!");
    const b = await hashPassword("same password!");
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password!", a)).toBe(true);
    expect(await verifyPassword("same password!", b)).toBe(true);
    expect(await verifyPassword("same password?", a)).toBe(false);
    expect(await verifyPassword("same password!", "garbage")).toBe(false);
  });

  it("compares bytes without an early exit on length or content", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(timingSafeEqual(enc("abc"), enc("abc"))).toBe(true);
    expect(timingSafeEqual(enc("abc"), enc("abd"))).toBe(false);
    expect(timingSafeEqual(enc("abc"), enc("abcd"))).toBe(false);
    expect(timingSafeEqual(enc(""), enc(""))).toBe(true);
  });
});

describe("slugify", () => {
  it("derives a link name from a business name", () => {
    expect(slugify("Café du Marché!")).toBe("cafe-du-marche");
    expect(slugify("  Joe's   Pizza & Grill ")).toBe("joe-s-pizza-grill");
    expect(slugify("北京饭店")).toBe("");
    expect(slugify("a".repeat(80))).toHaveLength(48);
  });

  it("the pattern accepts derived slugs and refuses bad ones", () => {
    expect(SLUG_PATTERN.test("cafe-du-marche")).toBe(true);
    expect(SLUG_PATTERN.test("-cafe")).toBe(false);
    expect(SLUG_PATTERN.test("Cafe")).toBe(false);
    expect(SLUG_PATTERN.test("cafe-")).toBe(false);
  });
});
