import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { batch } from "../client";
import { categories, dishes, merchants, optionGroups, options, type Allergen, type DietaryTag, type TimeWindow, type Translated } from "../schema";

/** en, zh-CN, fr. */
const t = (en: string, zh: string, fr: string): Translated => ({ en, "zh-CN": zh, fr });

interface OptionSpec {
  key: string;
  name: Translated;
  delta?: number;
  isDefault?: boolean;
}
interface GroupSpec {
  key: string;
  name: Translated;
  kind: "single" | "multiple";
  min: number;
  max: number;
  options: OptionSpec[];
}
interface DishSpec {
  key: string;
  name: Translated;
  description: Translated;
  price: number;
  tags?: DietaryTag[];
  spice?: number;
  allergens?: Allergen[];
  groups?: GroupSpec[];
  windows?: TimeWindow[];
  staffOnly?: boolean;
}
interface CategorySpec {
  key: string;
  name: Translated;
  description: Translated;
  station: string;
  dishes: DishSpec[];
}

// Reusable option groups --------------------------------------------------------------------

const size = (largeDelta = 300): GroupSpec => ({
  key: "size",
  name: t("Size", "份量", "Taille"),
  kind: "single",
  min: 1,
  max: 1,
  options: [
    { key: "regular", name: t("Regular", "标准", "Normale"), isDefault: true },
    { key: "large", name: t("Large", "大份", "Grande"), delta: largeDelta },
  ],
});

const spice: GroupSpec = {
  key: "spice",
  name: t("Spice level", "辣度", "Niveau d'épices"),
  kind: "single",
  min: 1,
  max: 1,
  options: [
    { key: "mild", name: t("Mild", "微辣", "Doux") },
    { key: "medium", name: t("Medium", "中辣", "Moyen"), isDefault: true },
    { key: "hot", name: t("Hot", "特辣", "Fort") },
  ],
};

const noodleAddOns: GroupSpec = {
  key: "addons",
  name: t("Add-ons", "加料", "Suppléments"),
  kind: "multiple",
  min: 0,
  max: 3,
  options: [
    { key: "egg", name: t("Soft-boiled egg", "溏心蛋", "Œuf mollet"), delta: 150 },
    { key: "beef", name: t("Extra beef", "加牛肉", "Supplément bœuf"), delta: 400 },
    { key: "tofu", name: t("Fried tofu", "炸豆腐", "Tofu frit"), delta: 200 },
    { key: "greens", name: t("Bok choy", "青菜", "Pak-choï"), delta: 150 },
  ],
};

const riceSide: GroupSpec = {
  key: "side",
  name: t("Side", "配菜", "Accompagnement"),
  kind: "single",
  min: 0,
  max: 1,
  options: [
    { key: "rice", name: t("Steamed rice", "白米饭", "Riz blanc"), delta: 250 },
    { key: "fried", name: t("Egg fried rice", "蛋炒饭", "Riz sauté aux œufs"), delta: 400 },
    { key: "greens", name: t("Garlic greens", "蒜蓉青菜", "Légumes à l'ail"), delta: 450 },
  ],
};

const drinkSize: GroupSpec = {
  key: "size",
  name: t("Size", "容量", "Taille"),
  kind: "single",
  min: 1,
  max: 1,
  options: [
    { key: "small", name: t("25 cl", "25 cl", "25 cl"), isDefault: true },
    { key: "big", name: t("50 cl", "50 cl", "50 cl"), delta: 250 },
  ],
};

const teaChoices: GroupSpec[] = [
  {
    key: "sugar",
    name: t("Sweetness", "甜度", "Sucre"),
    kind: "single",
    min: 1,
    max: 1,
    options: [
      { key: "none", name: t("No sugar", "无糖", "Sans sucre") },
      { key: "half", name: t("Half sugar", "半糖", "Mi-sucré"), isDefault: true },
      { key: "full", name: t("Full sugar", "全糖", "Sucré") },
    ],
  },
  {
    key: "milk",
    name: t("Milk", "奶", "Lait"),
    kind: "single",
    min: 1,
    max: 1,
    options: [
      { key: "cow", name: t("Cow's milk", "牛奶", "Lait de vache"), isDefault: true },
      { key: "oat", name: t("Oat milk", "燕麦奶", "Lait d'avoine"), delta: 50 },
    ],
  },
  {
    key: "toppings",
    name: t("Toppings", "小料", "Garnitures"),
    kind: "multiple",
    min: 0,
    max: 2,
    options: [
      { key: "pearls", name: t("Tapioca pearls", "珍珠", "Perles de tapioca"), delta: 60 },
      { key: "jelly", name: t("Grass jelly", "仙草", "Gelée d'herbe"), delta: 60 },
      { key: "pudding", name: t("Egg pudding", "布丁", "Flan"), delta: 80 },
    ],
  },
];

const WEEKDAY_LUNCH: TimeWindow[] = [{ days: [1, 2, 3, 4, 5], from: "11:30", to: "14:30" }];
const HAPPY_HOUR: TimeWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], from: "17:00", to: "19:30" }];
const WEEKEND_BRUNCH: TimeWindow[] = [{ days: [6, 7], from: "10:00", to: "15:00" }];

// The menu -------------------------------------------------------------------------------------

export const DEMO_MENU: CategorySpec[] = [
  {
    key: "starters",
    name: t("Starters", "前菜", "Entrées"),
    description: t("To share, or not.", "适合分享的小菜。", "À partager, ou pas."),
    station: "cold",
    dishes: [
      { key: "spring_rolls", name: t("Vegetable spring rolls", "素春卷", "Rouleaux de printemps aux légumes"), description: t("Four crisp rolls, sweet chilli dip.", "四只酥脆春卷，配甜辣酱。", "Quatre rouleaux croustillants, sauce chili douce."), price: 750, tags: ["vegetarian", "vegan"], allergens: ["gluten", "soybeans"] },
      { key: "dumplings", name: t("Pork and chive dumplings", "猪肉韭菜饺子", "Raviolis porc et ciboulette"), description: t("Eight pan-fried dumplings, black vinegar.", "八只煎饺，配香醋。", "Huit raviolis poêlés, vinaigre noir."), price: 890, allergens: ["gluten", "soybeans", "sesame"], groups: [{ key: "style", name: t("Cooking", "做法", "Cuisson"), kind: "single", min: 1, max: 1, options: [{ key: "fried", name: t("Pan-fried", "煎", "Poêlés"), isDefault: true }, { key: "steamed", name: t("Steamed", "蒸", "Vapeur") }] }] },
      { key: "cucumber", name: t("Smashed cucumber salad", "拍黄瓜", "Salade de concombre écrasé"), description: t("Garlic, chilli oil, sesame.", "蒜泥、辣油、芝麻。", "Ail, huile pimentée, sésame."), price: 650, tags: ["vegetarian", "vegan", "gluten_free"], spice: 1, allergens: ["sesame"] },
      { key: "edamame", name: t("Salted edamame", "盐水毛豆", "Edamame au sel"), description: t("Steamed young soybeans, sea salt.", "清蒸毛豆，海盐调味。", "Fèves de soja vapeur, fleur de sel."), price: 550, tags: ["vegetarian", "vegan", "gluten_free", "halal"], allergens: ["soybeans"] },
      { key: "squid", name: t("Salt and pepper squid", "椒盐鱿鱼", "Calamars sel et poivre"), description: t("Crisp squid, five-spice salt, lime.", "酥炸鱿鱼，五香椒盐，青柠。", "Calamars croustillants, sel aux cinq épices, citron vert."), price: 1050, spice: 1, allergens: ["molluscs", "gluten"] },
      { key: "prawn_toast", name: t("Sesame prawn toast", "芝麻虾多士", "Toasts aux crevettes et sésame"), description: t("Prawn mousse on toasted brioche, sesame crust.", "虾胶多士，芝麻脆皮。", "Mousse de crevettes sur brioche, croûte de sésame."), price: 950, allergens: ["crustaceans", "gluten", "eggs", "sesame", "milk"] },
      { key: "wontons", name: t("Chilli oil wontons", "红油抄手", "Wontons à l'huile pimentée"), description: t("Pork wontons, Sichuan chilli oil, peanuts.", "猪肉抄手，四川红油，花生碎。", "Wontons au porc, huile pimentée du Sichuan, cacahuètes."), price: 920, spice: 2, allergens: ["gluten", "peanuts", "soybeans", "sesame"], groups: [spice] },
    ],
  },
  {
    key: "noodles",
    name: t("Noodles and rice", "面饭", "Nouilles et riz"),
    description: t("Hand-pulled noodles made every morning.", "每天早上现拉的手工面。", "Nouilles étirées à la main chaque matin."),
    station: "wok",
    dishes: [
      { key: "beef_noodles", name: t("Braised beef noodle soup", "红烧牛肉面", "Soupe de nouilles au bœuf braisé"), description: t("Eight-hour beef broth, hand-pulled noodles, pickled greens.", "八小时牛骨汤，手拉面，酸菜。", "Bouillon de bœuf de huit heures, nouilles étirées, légumes marinés."), price: 1450, spice: 1, allergens: ["gluten", "soybeans", "celery"], groups: [size(), spice, noodleAddOns] },
      { key: "dan_dan", name: t("Dan dan noodles", "担担面", "Nouilles dan dan"), description: t("Minced pork, sesame paste, Sichuan pepper.", "肉末、芝麻酱、花椒。", "Porc haché, pâte de sésame, poivre du Sichuan."), price: 1250, spice: 2, allergens: ["gluten", "sesame", "peanuts", "soybeans"], groups: [size(250), spice, noodleAddOns] },
      { key: "veg_noodles", name: t("Garlic greens noodles", "蒜香青菜拌面", "Nouilles sautées ail et légumes"), description: t("Wok-tossed noodles, bok choy, garlic, mushroom soy.", "锅炒面，青菜、蒜、蘑菇酱油。", "Nouilles sautées au wok, pak-choï, ail, sauce soja aux champignons."), price: 1150, tags: ["vegetarian", "vegan"], allergens: ["gluten", "soybeans"], groups: [size(250), noodleAddOns] },
      { key: "fried_rice", name: t("Yangzhou fried rice", "扬州炒饭", "Riz sauté Yangzhou"), description: t("Egg, shrimp, char siu, spring onion.", "鸡蛋、虾仁、叉烧、葱花。", "Œuf, crevettes, porc laqué, cébette."), price: 1190, allergens: ["eggs", "crustaceans", "soybeans"], groups: [size(250)] },
      { key: "claypot", name: t("Chicken claypot rice", "香菇滑鸡煲仔饭", "Riz en cocotte au poulet"), description: t("Chicken, shiitake, Chinese sausage, crispy rice crust.", "滑鸡、香菇、腊肠，锅巴香脆。", "Poulet, shiitaké, saucisse chinoise, croûte de riz croustillante."), price: 1550, tags: ["gluten_free"], allergens: ["soybeans"] },
      { key: "cold_noodles", name: t("Cold sesame noodles", "麻酱凉面", "Nouilles froides au sésame"), description: t("Chilled noodles, cucumber, sesame sauce.", "凉面、黄瓜丝、芝麻酱。", "Nouilles froides, concombre, sauce au sésame."), price: 1050, tags: ["vegetarian"], spice: 1, allergens: ["gluten", "sesame", "peanuts"], groups: [spice] },
      { key: "halal_lamb", name: t("Cumin lamb biang biang noodles", "孜然羊肉biangbiang面", "Nouilles biang biang à l'agneau et cumin"), description: t("Wide noodles, halal lamb, cumin, chilli.", "宽面、清真羊肉、孜然、辣椒。", "Nouilles larges, agneau halal, cumin, piment."), price: 1590, tags: ["halal"], spice: 2, allergens: ["gluten"], groups: [size(300), spice] },
    ],
  },
  {
    key: "mains",
    name: t("Mains", "主菜", "Plats"),
    description: t("Pair with a side of rice or greens.", "可搭配米饭或青菜。", "À accompagner de riz ou de légumes."),
    station: "wok",
    dishes: [
      { key: "kung_pao", name: t("Kung pao chicken", "宫保鸡丁", "Poulet kung pao"), description: t("Chicken, peanuts, dried chilli, Sichuan pepper.", "鸡丁、花生、干辣椒、花椒。", "Poulet, cacahuètes, piment séché, poivre du Sichuan."), price: 1650, spice: 2, allergens: ["peanuts", "soybeans", "gluten"], groups: [spice, riceSide] },
      { key: "mapo", name: t("Mapo tofu", "麻婆豆腐", "Tofu mapo"), description: t("Silken tofu, fermented bean chilli sauce. Vegan version on request.", "嫩豆腐配豆瓣辣酱，可做素食版。", "Tofu soyeux, sauce pimentée aux fèves fermentées. Version végane sur demande."), price: 1450, spice: 3, allergens: ["soybeans", "gluten"], groups: [spice, riceSide, { key: "style", name: t("Style", "做法", "Version"), kind: "single", min: 1, max: 1, options: [{ key: "pork", name: t("With minced pork", "肉末", "Au porc haché"), isDefault: true }, { key: "vegan", name: t("Vegan (mushroom)", "纯素（蘑菇）", "Végane (champignons)") }] }] },
      { key: "sea_bass", name: t("Steamed sea bass", "清蒸鲈鱼", "Bar à la vapeur"), description: t("Whole fillet, ginger, spring onion, light soy.", "整片鱼柳，姜丝、葱、生抽。", "Filet entier, gingembre, cébette, sauce soja légère."), price: 2250, tags: ["gluten_free"], allergens: ["fish", "soybeans"], groups: [riceSide] },
      { key: "char_siu", name: t("Char siu pork", "蜜汁叉烧", "Porc laqué char siu"), description: t("Honey-glazed pork shoulder, roasted.", "蜜汁烤猪颈肉。", "Échine de porc laquée au miel, rôtie."), price: 1750, allergens: ["soybeans", "gluten", "sesame"], groups: [riceSide] },
      { key: "black_pepper_beef", name: t("Black pepper beef", "黑椒牛柳", "Bœuf au poivre noir"), description: t("Wok-seared beef, onion, peppers.", "锅炒牛柳、洋葱、彩椒。", "Bœuf saisi au wok, oignon, poivrons."), price: 1890, spice: 1, allergens: ["soybeans", "gluten"], groups: [riceSide] },
      { key: "eggplant", name: t("Fish-fragrant eggplant", "鱼香茄子", "Aubergines sauce parfumée"), description: t("Sweet, sour and spicy aubergine. Contains no fish.", "酸甜微辣的茄子，不含鱼。", "Aubergines aigres-douces et épicées. Sans poisson."), price: 1350, tags: ["vegetarian", "vegan"], spice: 2, allergens: ["soybeans", "gluten"], groups: [riceSide] },
      { key: "staff_meal", name: t("Staff meal", "员工餐", "Repas du personnel"), description: t("Today's family meal, for the team only.", "今日员工餐，仅供员工。", "Le repas du jour de l'équipe."), price: 0, staffOnly: true, allergens: [] },
    ],
  },
  {
    key: "lunch",
    name: t("Weekday lunch", "工作日午市", "Formules du midi"),
    description: t("Monday to Friday, 11:30 to 14:30.", "周一至周五，11:30–14:30。", "Du lundi au vendredi, de 11 h 30 à 14 h 30."),
    station: "wok",
    dishes: [
      { key: "lunch_set", name: t("Lunch set: noodles and dumplings", "午市套餐：面＋饺子", "Formule : nouilles et raviolis"), description: t("Any noodle bowl with four dumplings and a tea.", "任选一碗面，配四只饺子和一杯茶。", "Un bol de nouilles au choix, quatre raviolis et un thé."), price: 1690, windows: WEEKDAY_LUNCH, allergens: ["gluten", "soybeans", "sesame"], groups: [{ key: "bowl", name: t("Noodle bowl", "面", "Bol de nouilles"), kind: "single", min: 1, max: 1, options: [{ key: "beef", name: t("Braised beef", "红烧牛肉", "Bœuf braisé"), isDefault: true }, { key: "dandan", name: t("Dan dan", "担担", "Dan dan") }, { key: "veg", name: t("Garlic greens", "蒜香青菜", "Ail et légumes") }] }, spice] },
      { key: "bento", name: t("Char siu rice box", "叉烧饭盒", "Bento riz et porc laqué"), description: t("Char siu, rice, greens, soy egg.", "叉烧、米饭、青菜、卤蛋。", "Porc laqué, riz, légumes, œuf mariné."), price: 1390, windows: WEEKDAY_LUNCH, allergens: ["soybeans", "gluten", "eggs", "sesame"] },
      { key: "veg_box", name: t("Tofu rice box", "豆腐饭盒", "Bento riz et tofu"), description: t("Crispy tofu, rice, pickles, greens.", "脆皮豆腐、米饭、泡菜、青菜。", "Tofu croustillant, riz, pickles, légumes."), price: 1290, tags: ["vegetarian", "vegan"], windows: WEEKDAY_LUNCH, allergens: ["soybeans"] },
    ],
  },
  {
    key: "desserts",
    name: t("Desserts", "甜品", "Desserts"),
    description: t("Made in house.", "自制甜品。", "Faits maison."),
    station: "cold",
    dishes: [
      { key: "mango_pudding", name: t("Mango pudding", "芒果布丁", "Pudding à la mangue"), description: t("Alphonso mango, evaporated milk.", "阿方索芒果，淡奶。", "Mangue Alphonso, lait concentré."), price: 650, tags: ["vegetarian", "gluten_free"], allergens: ["milk"] },
      { key: "sesame_balls", name: t("Sesame balls", "芝麻球", "Boules de sésame"), description: t("Glutinous rice, red bean paste.", "糯米皮，红豆沙馅。", "Riz gluant, pâte de haricots rouges."), price: 600, tags: ["vegetarian", "vegan"], allergens: ["sesame"] },
      { key: "egg_tart", name: t("Egg tarts", "蛋挞", "Tartelettes aux œufs"), description: t("Two warm Macau-style tarts.", "两只热澳门式蛋挞。", "Deux tartelettes chaudes à la macanaise."), price: 550, tags: ["vegetarian"], allergens: ["eggs", "milk", "gluten"] },
      { key: "black_sesame_ice", name: t("Black sesame ice cream", "黑芝麻冰淇淋", "Glace au sésame noir"), description: t("Two scoops.", "两球。", "Deux boules."), price: 590, tags: ["vegetarian", "gluten_free"], allergens: ["milk", "eggs", "sesame"], groups: [{ key: "topping", name: t("Topping", "配料", "Garniture"), kind: "multiple", min: 0, max: 2, options: [{ key: "peanut", name: t("Crushed peanuts", "花生碎", "Cacahuètes concassées"), delta: 50 }, { key: "mochi", name: t("Mochi", "麻薯", "Mochi"), delta: 100 }] }] },
      { key: "brunch_toast", name: t("Condensed milk toast", "炼奶厚多士", "Toast au lait concentré"), description: t("Thick brioche, butter, condensed milk. Weekend brunch only.", "厚片布里欧修、黄油、炼乳。仅限周末早午餐。", "Brioche épaisse, beurre, lait concentré. Brunch du week-end."), price: 690, tags: ["vegetarian"], allergens: ["gluten", "milk", "eggs"], windows: WEEKEND_BRUNCH },
    ],
  },
  {
    key: "drinks",
    name: t("Drinks", "饮品", "Boissons"),
    description: t("Teas, coffee and a few cocktails.", "茶、咖啡和几款鸡尾酒。", "Thés, café et quelques cocktails."),
    station: "bar",
    dishes: [
      { key: "jasmine_tea", name: t("Jasmine tea pot", "茉莉花茶（壶）", "Théière au jasmin"), description: t("Refilled on request.", "可免费续水。", "Resservie à la demande."), price: 450, tags: ["vegan", "vegetarian", "gluten_free", "halal"], allergens: [] },
      { key: "milk_tea", name: t("Bubble milk tea", "珍珠奶茶", "Thé au lait à bulles"), description: t("Black tea, milk, your choice of toppings.", "红茶、牛奶，小料任选。", "Thé noir, lait, garnitures au choix."), price: 590, tags: ["vegetarian", "gluten_free"], allergens: ["milk"], groups: [drinkSize, ...teaChoices] },
      { key: "lemonade", name: t("Salted lemon soda", "咸柠七", "Soda au citron salé"), description: t("Preserved lemon, soda, a pinch of salt.", "咸柠檬、苏打水。", "Citron confit, soda, une pincée de sel."), price: 480, tags: ["vegan", "vegetarian", "gluten_free", "halal"], allergens: [], groups: [drinkSize] },
      { key: "coffee", name: t("Hong Kong yuanyang", "港式鸳鸯", "Yuanyang de Hong Kong"), description: t("Coffee and milk tea, hot or iced.", "咖啡加奶茶，冷热皆可。", "Café et thé au lait, chaud ou glacé."), price: 520, tags: ["vegetarian", "gluten_free"], allergens: ["milk"], groups: [{ key: "temp", name: t("Temperature", "温度", "Température"), kind: "single", min: 1, max: 1, options: [{ key: "hot", name: t("Hot", "热", "Chaud"), isDefault: true }, { key: "iced", name: t("Iced", "冰", "Glacé"), delta: 30 }] }] },
      { key: "tsingtao", name: t("Tsingtao beer", "青岛啤酒", "Bière Tsingtao"), description: t("Lager, 4.7%.", "拉格啤酒，4.7%。", "Blonde, 4,7 %."), price: 550, tags: ["vegan", "vegetarian"], allergens: ["gluten"], groups: [drinkSize] },
      { key: "lychee_spritz", name: t("Lychee spritz", "荔枝气泡酒", "Spritz au litchi"), description: t("Happy hour, 17:00 to 19:30.", "欢乐时光 17:00–19:30。", "Happy hour, de 17 h à 19 h 30."), price: 790, tags: ["vegan", "vegetarian", "gluten_free"], allergens: ["sulphites"], windows: HAPPY_HOUR },
      { key: "water", name: t("Sparkling water", "气泡水", "Eau gazeuse"), description: t("50 cl bottle.", "50 cl 瓶装。", "Bouteille de 50 cl."), price: 400, tags: ["vegan", "vegetarian", "gluten_free", "halal"], allergens: [] },
    ],
  },
];

/**
 * Writes the demo restaurant's menu with fixed ids and INSERT OR IGNORE: running it again changes
 * nothing. The menu version is bumped only when something was actually inserted, so a guest page
 * cached before the seed ran is never served afterwards.
 */
export async function seedDemoMenu(db: Db, merchantId: string, storeId: string): Promise<void> {
  void storeId; // The menu belongs to the merchant; nothing is sold out in a fresh demo.
  const now = Date.UTC(2026, 0, 1);
  const p = merchantId.replace(/^mer_/, "");
  const categoryRows: (typeof categories.$inferInsert)[] = [];
  const dishRows: (typeof dishes.$inferInsert)[] = [];
  const groupRows: (typeof optionGroups.$inferInsert)[] = [];
  const optionRows: (typeof options.$inferInsert)[] = [];
  DEMO_MENU.forEach((c, ci) => {
    const categoryId = `cat_${p}_${c.key}`;
    categoryRows.push({ id: categoryId, merchantId, position: ci, name: c.name, description: c.description, station: c.station, hidden: false, createdAt: now });
    c.dishes.forEach((d, di) => {
      const dishId = `dsh_${p}_${d.key}`;
      dishRows.push({
        id: dishId,
        merchantId,
        categoryId,
        position: di,
        name: d.name,
        description: d.description,
        price: d.price,
        imageUrl: null,
        tags: d.tags ?? [],
        spiceLevel: d.spice ?? 0,
        allergens: d.allergens ?? [],
        staffOnly: d.staffOnly ?? false,
        hidden: false,
        windows: d.windows ?? [],
        createdAt: now,
      });
      (d.groups ?? []).forEach((g, gi) => {
        const groupId = `grp_${p}_${d.key}_${g.key}`;
        groupRows.push({ id: groupId, merchantId, dishId, position: gi, name: g.name, kind: g.kind, minSelect: g.min, maxSelect: g.max });
        g.options.forEach((o, oi) => {
          optionRows.push({ id: `opt_${p}_${d.key}_${g.key}_${o.key}`, merchantId, groupId, position: oi, name: o.name, priceDelta: o.delta ?? 0, isDefault: o.isDefault ?? false });
        });
      });
    });
  });
  const chunk = <T>(rows: T[], columns: number) => {
    const size = Math.floor(100 / columns);
    return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  };
  const statements = [
    ...chunk(categoryRows, 8).map((rows) => db.insert(categories).values(rows).onConflictDoNothing()),
    ...chunk(dishRows, 15).map((rows) => db.insert(dishes).values(rows).onConflictDoNothing()),
    ...chunk(groupRows, 8).map((rows) => db.insert(optionGroups).values(rows).onConflictDoNothing()),
    ...chunk(optionRows, 7).map((rows) => db.insert(options).values(rows).onConflictDoNothing()),
  ];
  const results = (await batch(db, statements)) as { meta?: { changes?: number } }[];
  const inserted = results.reduce((n, r) => n + (r.meta?.changes ?? 0), 0);
  if (inserted > 0) {
    await db.update(merchants).set({ menuVersion: sql`${merchants.menuVersion} + 1` }).where(eq(merchants.id, merchantId));
  }
}
