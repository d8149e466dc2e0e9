import { describe, expect, it } from "vitest";
import { applyTranslations, textRows } from "../../src/domain/menu/translations";
import { isPermutation, needsParent } from "../../src/domain/menu/reorder";
import { mergeBranding } from "../../src/domain/branding";

const menu = {
  categories: [
    {
      id: "cat1",
      name: { en: "Mains", fr: "Plats" },
      description: {},
      dishes: [
        {
          id: "dsh1",
          name: { en: "Burger" },
          description: { en: "With fries" },
          optionGroups: [{ id: "grp1", name: { en: "Size" }, options: [{ id: "opt1", name: { en: "Large" } }] }],
        },
      ],
    },
  ],
};
const languages = ["en", "fr"];

describe("translation rules", () => {
  it("lists every text row of the menu by kind and id; groups and options have no description", () => {
    const rows = textRows(menu);
    expect([...rows.keys()]).toEqual(["category:cat1", "dish:dsh1", "option_group:grp1", "option:opt1"]);
    expect(rows.get("option:opt1")).toEqual({ id: "opt1", name: { en: "Large" }, kind: "option" });
  });

  it("applies several updates to one row in order, and an empty text removes that translation", () => {
    const { changed, issues } = applyTranslations(textRows(menu), languages, [
      { kind: "dish", id: "dsh1", field: "name", lang: "fr", text: "Hamburger" },
      { kind: "dish", id: "dsh1", field: "description", lang: "fr", text: "Avec frites" },
      { kind: "category", id: "cat1", field: "name", lang: "fr", text: "" },
    ]);
    expect(issues).toEqual([]);
    expect(changed).toEqual([
      { kind: "dish", id: "dsh1", name: { en: "Burger", fr: "Hamburger" }, description: { en: "With fries", fr: "Avec frites" } },
      { kind: "category", id: "cat1", name: { en: "Mains" }, description: {} },
    ]);
  });

  it("refuses unknown items, descriptions of options, other languages, long names and an empty fallback name", () => {
    const { issues } = applyTranslations(textRows(menu), languages, [
      { kind: "dish", id: "nope", field: "name", lang: "fr", text: "x" },
      { kind: "option", id: "opt1", field: "description", lang: "fr", text: "x" },
      { kind: "dish", id: "dsh1", field: "name", lang: "de", text: "x" },
      { kind: "dish", id: "dsh1", field: "name", lang: "fr", text: "x".repeat(121) },
      { kind: "dish", id: "dsh1", field: "name", lang: "en", text: "" },
    ]);
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ["updates.0.id", "unknown_item"],
      ["updates.1.field", "no_description"],
      ["updates.2.lang", "unknown_language"],
      ["updates.3.text", "too_long"],
      ["updates.4.text", "name_required"],
    ]);
  });
});

describe("reorder rules", () => {
  it("only the categories need no parent", () => {
    expect(needsParent("categories")).toBe(false);
    expect(["dishes", "option_groups", "options"].every((k) => needsParent(k as "dishes"))).toBe(true);
  });

  it("a new order lists every current child exactly once, and nothing else", () => {
    expect(isPermutation(["a", "b", "c"], ["c", "a", "b"])).toBe(true);
    expect(isPermutation(["a", "b", "c"], ["a", "b"])).toBe(false);
    expect(isPermutation(["a", "b"], ["a", "a"])).toBe(false);
    expect(isPermutation(["a", "b"], ["a", "x"])).toBe(false);
    expect(isPermutation([], [])).toBe(true);
  });
});

describe("branding merge", () => {
  it("changes the keys sent, removes those sent as null, keeps the others", () => {
    const current = { logoUrl: "https://x.test/l.png", accentColor: "#112233" };
    expect(mergeBranding(current, { accentColor: "#445566", logoUrl: null, coverUrl: "https://x.test/c.png" })).toEqual({
      accentColor: "#445566",
      coverUrl: "https://x.test/c.png",
    });
    expect(mergeBranding(current, {})).toEqual(current);
  });
});
