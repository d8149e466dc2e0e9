import type { SignedUp } from "../helpers/client";

/** A dish body with two option groups (size: single, required; extras: multiple). */
export const noodleDish = (categoryId: string, overrides: Record<string, unknown> = {}) => ({
  categoryId,
  name: { en: "Beef noodles", fr: "Nouilles au bœuf" },
  description: { en: "Hand-pulled noodles in a slow beef broth." },
  price: 1250,
  tags: [],
  spiceLevel: 2,
  allergens: ["gluten", "soybeans"],
  optionGroups: [
    {
      name: { en: "Size", fr: "Taille" },
      kind: "single",
      minSelect: 1,
      maxSelect: 1,
      options: [
        { name: { en: "Regular", fr: "Normale" }, priceDelta: 0, isDefault: true },
        { name: { en: "Large", fr: "Grande" }, priceDelta: 300 },
      ],
    },
    {
      name: { en: "Extras", fr: "Suppléments" },
      kind: "multiple",
      minSelect: 0,
      maxSelect: 2,
      options: [
        { name: { en: "Egg", fr: "Œuf" }, priceDelta: 150 },
        { name: { en: "Extra beef", fr: "Supplément bœuf" }, priceDelta: 400 },
        { name: { en: "Coriander", fr: "Coriandre" }, priceDelta: 0 },
      ],
    },
  ],
  ...overrides,
});

/** Creates a category and one dish with options; returns their ids. */
export async function smallMenu(owner: SignedUp) {
  const base = `/api/merchants/${owner.merchantId}/menu`;
  const cat = await owner.client.post(`${base}/categories`, { name: { en: "Noodles", fr: "Nouilles" } });
  if (cat.status !== 201) throw new Error(`category: ${cat.status} ${JSON.stringify(cat.body)}`);
  const dish = await owner.client.post(`${base}/dishes`, noodleDish(cat.body.category.id));
  if (dish.status !== 201) throw new Error(`dish: ${dish.status} ${JSON.stringify(dish.body)}`);
  return { base, categoryId: cat.body.category.id as string, dish: dish.body.dish, dishId: dish.body.dish.id as string };
}
