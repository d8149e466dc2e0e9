import type { MenuSnapshot } from "../../src/domain/menu/snapshot";

/** A small menu built in memory for the pure domain tests. */
export function testMenu(overrides: { soldOut?: string[]; staffOnly?: string[] } = {}): MenuSnapshot {
  const dish = (id: string, categoryId: string, price: number, extra: Partial<MenuSnapshot["categories"][number]["dishes"][number]> = {}) => ({
    id,
    categoryId,
    name: { en: id.replace("dish_", "").replace(/_/g, " "), "zh-CN": `菜 ${id}` },
    description: {},
    price,
    imageUrl: null,
    tags: [],
    spiceLevel: 0,
    allergens: [],
    staffOnly: overrides.staffOnly?.includes(id) ?? false,
    soldOut: overrides.soldOut?.includes(id) ?? false,
    windows: [],
    optionGroups: [],
    ...extra,
  });
  return {
    merchantId: "mer_test",
    storeId: "sto_test",
    version: 3,
    currency: "EUR",
    languages: ["en", "zh-CN"],
    timeZone: "Europe/Paris",
    categories: [
      {
        id: "cat_mains",
        name: { en: "Mains" },
        description: {},
        station: "grill",
        dishes: [
          dish("dish_burger", "cat_mains", 1250, {
            optionGroups: [
              {
                id: "grp_size",
                name: { en: "Size" },
                kind: "single",
                minSelect: 1,
                maxSelect: 1,
                options: [
                  { id: "opt_regular", name: { en: "Regular" }, priceDelta: 0, isDefault: true },
                  { id: "opt_large", name: { en: "Large" }, priceDelta: 300, isDefault: false },
                ],
              },
              {
                id: "grp_extras",
                name: { en: "Extras" },
                kind: "multiple",
                minSelect: 0,
                maxSelect: 2,
                options: [
                  { id: "opt_cheese", name: { en: "Cheese" }, priceDelta: 100, isDefault: false },
                  { id: "opt_bacon", name: { en: "Bacon" }, priceDelta: 150, isDefault: false },
                  { id: "opt_egg", name: { en: "Egg" }, priceDelta: 120, isDefault: false },
                ],
              },
            ],
          }),
          dish("dish_steak", "cat_mains", 2400),
          dish("dish_lunch_special", "cat_mains", 900, { windows: [{ days: [1, 2, 3, 4, 5], from: "11:30", to: "14:00" }] }),
        ],
      },
      {
        id: "cat_drinks",
        name: { en: "Drinks" },
        description: {},
        station: "bar",
        dishes: [dish("dish_cola", "cat_drinks", 350), dish("dish_staff_meal", "cat_drinks", 0, { staffOnly: true })],
      },
    ],
  };
}
