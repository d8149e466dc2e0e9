import { describe, expect, it } from "vitest";
import { availabilityAt, guestView, inWindow, localTime, msUntilAvailabilityChange } from "../../src/domain/menu/availability";
import { languageName, matchSupported, negotiateLanguage, pickLang, pickText } from "../../src/domain/menu/i18n";
import { formatDelta, formatPrice, minorDigits, parsePrice, toDecimalString } from "../../src/domain/menu/money";
import { cheapestPrice, checkDish, checkGroup } from "../../src/domain/menu/rules";
import { defaultOptionIds, priceSelection } from "../../src/domain/menu/selection";
import type { MenuDish, MenuSnapshot } from "../../src/domain/menu/snapshot";
import { accessibleAccent, contrast } from "../../src/pages/theme";
import { formatDays } from "../../src/pages/hours";

const dish = (over: Partial<MenuDish> = {}): MenuDish => ({
  id: "dsh_1",
  categoryId: "cat_1",
  name: { en: "Noodles" },
  description: {},
  price: 1000,
  imageUrl: null,
  tags: [],
  spiceLevel: 0,
  allergens: [],
  staffOnly: false,
  soldOut: false,
  windows: [],
  optionGroups: [
    { id: "g_size", name: { en: "Size" }, kind: "single", minSelect: 1, maxSelect: 1, options: [
      { id: "o_reg", name: { en: "Regular" }, priceDelta: 0, isDefault: true },
      { id: "o_lg", name: { en: "Large" }, priceDelta: 300, isDefault: false },
    ] },
    { id: "g_add", name: { en: "Add-ons" }, kind: "multiple", minSelect: 0, maxSelect: 2, options: [
      { id: "o_egg", name: { en: "Egg" }, priceDelta: 150, isDefault: false },
      { id: "o_beef", name: { en: "Beef" }, priceDelta: 400, isDefault: false },
      { id: "o_tofu", name: { en: "Tofu" }, priceDelta: 200, isDefault: false },
    ] },
  ],
  ...over,
});

describe("translation fallback", () => {
  const text = { en: "Rice", "zh-CN": "米饭", fr: "" };
  it("uses the exact language, then the same base language, then the merchant's order, then anything", () => {
    expect(pickText(text, "zh-CN", ["en", "zh-CN"])).toBe("米饭");
    expect(pickText(text, "zh", ["en", "zh-CN"])).toBe("米饭");
    expect(pickText(text, "zh-TW", ["en"])).toBe("米饭");
    expect(pickText(text, "fr", ["en", "zh-CN", "fr"])).toBe("Rice");
    expect(pickText(text, "fr", ["zh-CN", "en"])).toBe("米饭");
    expect(pickText({ de: "Reis" }, "fr", ["en"])).toBe("Reis");
    expect(pickText({}, "fr", ["en"])).toBe("");
    expect(pickText(undefined, "fr")).toBe("");
  });
  it("says which language it used", () => {
    expect(pickLang(text, "fr", ["en", "fr"])).toBe("en");
    expect(pickLang(text, "zh", ["en"])).toBe("zh-CN");
    expect(pickLang({}, "fr", ["en"])).toBeNull();
  });
  it("negotiates Accept-Language with quality values and base languages", () => {
    const supported = ["en", "zh-CN", "fr"];
    expect(negotiateLanguage("zh-CN,zh;q=0.9,en;q=0.8", supported)).toBe("zh-CN");
    expect(negotiateLanguage("zh-TW", supported)).toBe("zh-CN");
    expect(negotiateLanguage("de;q=1, fr;q=0.5, en;q=0.7", supported)).toBe("en");
    expect(negotiateLanguage("fr-CA", supported)).toBe("fr");
    expect(negotiateLanguage("en;q=0, fr;q=0.1", supported)).toBe("fr");
    expect(negotiateLanguage("de, *", supported)).toBeNull();
    expect(negotiateLanguage("", supported)).toBeNull();
    expect(negotiateLanguage(null, supported)).toBeNull();
    expect(matchSupported("ZH-cn", supported)).toBe("zh-CN");
    expect(matchSupported("de", supported)).toBeNull();
  });
  it("names languages in themselves", () => {
    expect(languageName("fr")).toBe("Français");
    expect(languageName("zh-CN")).toBe("简体中文");
    expect(languageName("zh-TW")).toBe("繁體中文");
  });
});

describe("availability", () => {
  // 2026-11-25 is a Wednesday; 10:00 UTC is 11:00 in Paris (CET).
  const wed11 = Date.UTC(2026, 10, 25, 10, 0);
  it("reads local time in the store's time zone", () => {
    expect(localTime(wed11, "Europe/Paris")).toEqual({ day: 3, minutes: 660 });
    expect(localTime(wed11, "Asia/Shanghai")).toEqual({ day: 3, minutes: 1080 });
    expect(localTime(Date.UTC(2026, 10, 29, 23, 30), "Europe/Paris")).toEqual({ day: 1, minutes: 30 });
  });
  it("checks windows, including ones past midnight and all-day ones", () => {
    const lunch = { days: [1, 2, 3, 4, 5], from: "11:30", to: "14:30" };
    expect(inWindow(lunch, { day: 3, minutes: 690 })).toBe(true);
    expect(inWindow(lunch, { day: 3, minutes: 689 })).toBe(false);
    expect(inWindow(lunch, { day: 3, minutes: 870 })).toBe(false);
    expect(inWindow(lunch, { day: 6, minutes: 700 })).toBe(false);
    const late = { days: [5], from: "22:00", to: "02:00" };
    expect(inWindow(late, { day: 5, minutes: 23 * 60 })).toBe(true);
    expect(inWindow(late, { day: 6, minutes: 60 })).toBe(true);
    expect(inWindow(late, { day: 6, minutes: 23 * 60 })).toBe(false);
    expect(inWindow({ days: [7], from: "00:00", to: "00:00" }, { day: 7, minutes: 1439 })).toBe(true);
  });
  it("sold out wins over hours; no windows means always", () => {
    const lunch = [{ days: [1, 2, 3, 4, 5], from: "11:30", to: "14:30" }];
    expect(availabilityAt(dish(), "Europe/Paris", wed11)).toBe("available");
    expect(availabilityAt(dish({ windows: lunch }), "Europe/Paris", wed11)).toBe("outside_hours");
    expect(availabilityAt(dish({ windows: lunch }), "Europe/Paris", wed11 + 45 * 60_000)).toBe("available");
    expect(availabilityAt(dish({ windows: lunch, soldOut: true }), "Europe/Paris", wed11 + 45 * 60_000)).toBe("sold_out");
  });
  it("knows when the page must be rendered again", () => {
    const snap = (windows: MenuDish["windows"]): MenuSnapshot => ({ merchantId: "m", storeId: "s", version: 1, currency: "EUR", languages: ["en"], timeZone: "Europe/Paris", categories: [{ id: "c", name: {}, description: {}, station: "k", dishes: [dish({ windows })] }] });
    expect(msUntilAvailabilityChange(snap([{ days: [3], from: "11:30", to: "14:30" }]), wed11, 10 * 3600_000)).toBe(30 * 60_000);
    expect(msUntilAvailabilityChange(snap([{ days: [3], from: "11:30", to: "14:30" }]), wed11 + 60 * 60_000, 10 * 3600_000)).toBe(150 * 60_000);
    expect(msUntilAvailabilityChange(snap([]), wed11)).toBe(3600_000);
    expect(msUntilAvailabilityChange(snap([{ days: [1], from: "09:00", to: "10:00" }]), wed11)).toBe(3600_000);
  });
  it("the guest view drops staff-only dishes and empty categories", () => {
    const snap: MenuSnapshot = { merchantId: "m", storeId: "s", version: 1, currency: "EUR", languages: ["en"], timeZone: "UTC", categories: [
      { id: "a", name: {}, description: {}, station: "k", dishes: [dish({ id: "x", staffOnly: true })] },
      { id: "b", name: {}, description: {}, station: "k", dishes: [dish({ id: "y" }), dish({ id: "z", staffOnly: true })] },
    ] };
    const view = guestView(snap);
    expect(view.categories.map((c) => c.id)).toEqual(["b"]);
    expect(view.categories[0]!.dishes.map((d) => d.id)).toEqual(["y"]);
  });
});

describe("pricing a selection", () => {
  it("adds option prices and checks each group's min and max", () => {
    expect(priceSelection(dish(), ["o_lg", "o_egg", "o_beef"])).toMatchObject({ ok: true, unitPrice: 1850 });
    expect(priceSelection(dish(), ["o_reg"])).toMatchObject({ ok: true, unitPrice: 1000 });
    expect(priceSelection(dish(), [])).toMatchObject({ ok: false, code: "too_few_options", groupId: "g_size" });
    expect(priceSelection(dish(), ["o_reg", "o_lg"])).toMatchObject({ ok: false, code: "too_many_options", groupId: "g_size" });
    expect(priceSelection(dish(), ["o_reg", "o_egg", "o_beef", "o_tofu"])).toMatchObject({ ok: false, code: "too_many_options", groupId: "g_add" });
    expect(priceSelection(dish(), ["o_reg", "o_nope"])).toMatchObject({ ok: false, code: "unknown_option" });
    expect(priceSelection(dish(), ["o_reg", "o_egg", "o_egg"])).toMatchObject({ ok: false, code: "duplicate_option" });
    expect(defaultOptionIds(dish())).toEqual(["o_reg"]);
  });
});

describe("menu rules", () => {
  const draft = (over: Record<string, unknown> = {}) => ({ ...dish(), ...over }) as never;
  it("passes a good dish", () => expect(checkDish(draft(), ["en"])).toEqual([]));
  it("needs the fallback language and only the merchant's languages", () => {
    expect(checkDish(draft({ name: { fr: "Nouilles" } }), ["en", "fr"]).map((i) => [i.path, i.rule])).toEqual([["name.en", "name_required"]]);
    expect(checkDish(draft({ name: { en: "N", de: "N" } }), ["en", "fr"]).map((i) => i.rule)).toEqual(["unknown_language"]);
    expect(checkDish(draft({ name: { en: "  " } }), ["en"]).map((i) => i.rule)).toEqual(["name_required"]);
  });
  it("checks option groups", () => {
    const g = { name: { en: "G" }, kind: "multiple" as const, minSelect: 0, maxSelect: 1, options: [{ name: { en: "a" }, priceDelta: 0, isDefault: false }] };
    expect(checkGroup(g, "", ["en"])).toEqual([]);
    expect(checkGroup({ ...g, options: [] }, "", ["en"]).map((i) => i.rule)).toEqual(["group_empty"]);
    expect(checkGroup({ ...g, kind: "single", maxSelect: 2, options: [g.options[0]!, g.options[0]!] }, "", ["en"]).map((i) => i.rule)).toEqual(["single_max"]);
    expect(checkGroup({ ...g, minSelect: 2, maxSelect: 1 }, "", ["en"]).map((i) => i.rule)).toEqual(["min_over_max"]);
    expect(checkGroup({ ...g, maxSelect: 2 }, "", ["en"]).map((i) => i.rule)).toEqual(["max_over_options"]);
    expect(checkGroup({ ...g, options: [{ ...g.options[0]!, isDefault: true }, { ...g.options[0]!, isDefault: true }] }, "", ["en"]).map((i) => i.rule)).toEqual(["too_many_defaults"]);
  });
  it("computes the cheapest possible line", () => {
    expect(cheapestPrice(dish())).toBe(1000);
    const discount = { name: {}, kind: "multiple" as const, minSelect: 0, maxSelect: 2, options: [-300, -200, -100, 50].map((d) => ({ name: {}, priceDelta: d, isDefault: false })) };
    expect(cheapestPrice({ price: 1000, optionGroups: [discount] })).toBe(500);
    expect(cheapestPrice({ price: 1000, optionGroups: [{ ...discount, minSelect: 1, maxSelect: 1, options: [50, 80].map((d) => ({ name: {}, priceDelta: d, isDefault: false })) }] })).toBe(1050);
  });
  it("keeps vegan and vegetarian dishes honest", () => {
    expect(checkDish(draft({ tags: ["vegan"], allergens: ["eggs"] }), ["en"]).map((i) => i.rule)).toEqual(["vegan_allergen"]);
    expect(checkDish(draft({ tags: ["vegetarian"], allergens: ["milk", "eggs"] }), ["en"])).toEqual([]);
    expect(checkDish(draft({ tags: ["vegetarian"], allergens: ["crustaceans"] }), ["en"]).map((i) => i.rule)).toEqual(["vegetarian_allergen"]);
  });
});

describe("money", () => {
  it("formats minor units for the guest's locale", () => {
    expect(formatPrice(1250, "EUR", "en")).toBe("€12.50");
    expect(formatPrice(1250, "EUR", "fr")).toMatch(/^12,50\s€$/);
    expect(formatPrice(1250, "EUR", "zh-CN")).toBe("€12.50");
    expect(formatPrice(1200, "JPY", "ja")).toMatch(/1,200/);
    expect(formatPrice(1250, "KWD", "en")).toMatch(/^KWD\s1\.250$/);
    expect(formatDelta(-50, "EUR", "en")).toBe("−€0.50");
    expect(formatDelta(0, "EUR", "en")).toBe("");
    expect(minorDigits("JPY")).toBe(0);
  });
  it("parses what owners type", () => {
    expect(parsePrice("12.5", "EUR")).toBe(1250);
    expect(parsePrice("12,50", "EUR")).toBe(1250);
    expect(parsePrice("12.505", "EUR")).toBeNull();
    expect(parsePrice("abc", "EUR")).toBeNull();
    expect(parsePrice("1200", "JPY")).toBe(1200);
    expect(parsePrice("12.5", "JPY")).toBeNull();
    expect(toDecimalString(1250, "EUR")).toBe("12.50");
    expect(toDecimalString(5, "EUR")).toBe("0.05");
    expect(toDecimalString(-150, "EUR")).toBe("-1.50");
  });
});

describe("page helpers", () => {
  it("darkens a pale brand colour until it passes WCAG AA against white", () => {
    for (const c of ["#ffd54f", "#ffffff", "#7fdbff", "#1f6f5c"]) expect(contrast(accessibleAccent(c), "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(accessibleAccent("#1f6f5c")).toBe("#1f6f5c");
    expect(accessibleAccent("red; }")).toBe("#1f6f5c");
  });
  it("writes day ranges compactly in the guest's language", () => {
    expect(formatDays([1, 2, 3, 4, 5], "en", "Daily")).toBe("Mon–Fri");
    expect(formatDays([6, 7], "en", "Daily")).toBe("Sat, Sun");
    expect(formatDays([1, 3, 4, 5, 7], "en", "Daily")).toBe("Mon, Wed–Fri, Sun");
    expect(formatDays([1, 2, 3, 4, 5, 6, 7], "fr", "Tous les jours")).toBe("Tous les jours");
    expect(formatDays([1, 2, 3, 4, 5], "zh-CN", "每天", "、")).toBe("周一–周五");
  });
});
