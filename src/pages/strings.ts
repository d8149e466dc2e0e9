import type { Allergen, DietaryTag } from "../db/schema";

/** Guest-facing interface text. Languages without an entry fall back to English. */
export interface GuestStrings {
  menu: string;
  language: string;
  table: string;
  add: string;
  addToCart: string;
  soldOut: string;
  notNow: string;
  availableAt: string;
  contains: string;
  options: string;
  chooseOne: string;
  chooseUpTo: (n: number) => string;
  chooseBetween: (min: number, max: number) => string;
  required: string;
  note: string;
  notePlaceholder: string;
  quantity: string;
  less: string;
  more: string;
  close: string;
  filters: string;
  showOnly: string;
  without: string;
  clearFilters: string;
  noMatch: string;
  spicy: (level: number) => string;
  tags: Record<DietaryTag, string>;
  allergens: Record<Allergen, string>;
  noScript: string;
  liveLoading: string;
  scanToOrder: string;
  stores: string;
  poweredBy: string;
  skipToMenu: string;
  unknownTitle: string;
  unknownBody: string;
  retiredTitle: string;
  retiredBody: string;
  suspendedTitle: string;
  suspendedBody: string;
  closedTitle: string;
  closedBody: string;
  categories: string;
  everyDay: string;
  /** Separators: between list items, and after a label. */
  sep: string;
  colon: string;
  added: string;
  yourTable: string;
  allergenInfo: string;
}

const en: GuestStrings = {
  menu: "Menu",
  language: "Language",
  table: "Table",
  add: "Add",
  addToCart: "Add to order",
  soldOut: "Sold out",
  notNow: "Not available now",
  availableAt: "Available",
  contains: "Contains",
  options: "Options",
  chooseOne: "Choose 1",
  chooseUpTo: (n) => `Choose up to ${n}`,
  chooseBetween: (min, max) => (min === max ? `Choose ${min}` : `Choose ${min} to ${max}`),
  required: "Required",
  note: "Note for the kitchen",
  notePlaceholder: "e.g. no onions",
  quantity: "Quantity",
  less: "One less",
  more: "One more",
  close: "Close",
  filters: "Filters",
  showOnly: "Show only",
  without: "Without",
  clearFilters: "Clear filters",
  noMatch: "No dish matches these filters.",
  spicy: (l) => ["Not spicy", "Mildly spicy", "Spicy", "Very spicy"][l] ?? "Spicy",
  tags: { vegetarian: "Vegetarian", vegan: "Vegan", halal: "Halal", gluten_free: "Gluten-free" },
  allergens: {
    gluten: "Gluten", crustaceans: "Crustaceans", eggs: "Eggs", fish: "Fish", peanuts: "Peanuts", soybeans: "Soy",
    milk: "Milk", nuts: "Tree nuts", celery: "Celery", mustard: "Mustard", sesame: "Sesame", sulphites: "Sulphites",
    lupin: "Lupin", molluscs: "Molluscs",
  },
  noScript: "To order together with your table, turn on JavaScript. You can read the whole menu below.",
  liveLoading: "Connecting to your table…",
  scanToOrder: "Scan to see the menu and order",
  stores: "Our restaurants",
  poweredBy: "Ordering by Tableside",
  skipToMenu: "Skip to the menu",
  unknownTitle: "We don't know this code",
  unknownBody: "This table code does not exist. Please check the link or ask a member of staff.",
  retiredTitle: "This code is no longer in use",
  retiredBody: "The QR code on this table has been replaced. Please ask a member of staff for the current one.",
  suspendedTitle: "Ordering is unavailable",
  suspendedBody: "This restaurant cannot take orders online at the moment. Please order with a member of staff.",
  closedTitle: "Closed right now",
  closedBody: "This restaurant is closed at the moment, so it cannot take orders. Please come back during opening hours.",
  categories: "Categories",
  everyDay: "Daily",
  sep: ", ",
  colon: ": ",
  added: "Added to the table's cart",
  yourTable: "Your table",
  allergenInfo: "Allergens: ask our staff if you have any doubt.",
};

const zhCN: GuestStrings = {
  menu: "菜单",
  language: "语言",
  table: "桌号",
  add: "添加",
  addToCart: "加入订单",
  soldOut: "已售罄",
  notNow: "当前时段不供应",
  availableAt: "供应时间",
  contains: "含有",
  options: "选项",
  chooseOne: "选择 1 项",
  chooseUpTo: (n) => `最多选择 ${n} 项`,
  chooseBetween: (min, max) => (min === max ? `选择 ${min} 项` : `选择 ${min}–${max} 项`),
  required: "必选",
  note: "给厨房的备注",
  notePlaceholder: "例如：不要洋葱",
  quantity: "数量",
  less: "减少一份",
  more: "增加一份",
  close: "关闭",
  filters: "筛选",
  showOnly: "只看",
  without: "不含",
  clearFilters: "清除筛选",
  noMatch: "没有符合筛选条件的菜品。",
  spicy: (l) => ["不辣", "微辣", "中辣", "特辣"][l] ?? "辣",
  tags: { vegetarian: "素食", vegan: "纯素", halal: "清真", gluten_free: "无麸质" },
  allergens: {
    gluten: "麸质", crustaceans: "甲壳类", eggs: "蛋类", fish: "鱼类", peanuts: "花生", soybeans: "大豆",
    milk: "奶类", nuts: "坚果", celery: "芹菜", mustard: "芥末", sesame: "芝麻", sulphites: "亚硫酸盐",
    lupin: "羽扇豆", molluscs: "软体动物",
  },
  noScript: "如需与同桌一起点餐，请开启 JavaScript。您仍可在下方浏览完整菜单。",
  liveLoading: "正在连接您的餐桌…",
  scanToOrder: "扫码查看菜单并点餐",
  stores: "我们的门店",
  poweredBy: "点餐服务由 Tableside 提供",
  skipToMenu: "跳到菜单",
  unknownTitle: "无法识别此二维码",
  unknownBody: "此餐桌代码不存在。请检查链接或咨询服务员。",
  retiredTitle: "此二维码已停用",
  retiredBody: "本桌的二维码已更换。请向服务员索取新的二维码。",
  suspendedTitle: "暂不支持在线点餐",
  suspendedBody: "本餐厅目前无法在线接单，请向服务员点餐。",
  closedTitle: "现在休息中",
  closedBody: "本餐厅目前休息，暂不接单。请在营业时间再来。",
  categories: "分类",
  everyDay: "每天",
  sep: "、",
  colon: "：",
  added: "已加入本桌购物车",
  yourTable: "您的餐桌",
  allergenInfo: "过敏原：如有疑问，请咨询服务员。",
};

const fr: GuestStrings = {
  menu: "Carte",
  language: "Langue",
  table: "Table",
  add: "Ajouter",
  addToCart: "Ajouter à la commande",
  soldOut: "Épuisé",
  notNow: "Pas disponible maintenant",
  availableAt: "Disponible",
  contains: "Contient",
  options: "Options",
  chooseOne: "Choisissez 1",
  chooseUpTo: (n) => `Jusqu'à ${n} choix`,
  chooseBetween: (min, max) => (min === max ? `Choisissez ${min}` : `Choisissez de ${min} à ${max}`),
  required: "Obligatoire",
  note: "Note pour la cuisine",
  notePlaceholder: "p. ex. sans oignons",
  quantity: "Quantité",
  less: "Un de moins",
  more: "Un de plus",
  close: "Fermer",
  filters: "Filtres",
  showOnly: "Uniquement",
  without: "Sans",
  clearFilters: "Effacer les filtres",
  noMatch: "Aucun plat ne correspond à ces filtres.",
  spicy: (l) => ["Non épicé", "Légèrement épicé", "Épicé", "Très épicé"][l] ?? "Épicé",
  tags: { vegetarian: "Végétarien", vegan: "Végan", halal: "Halal", gluten_free: "Sans gluten" },
  allergens: {
    gluten: "Gluten", crustaceans: "Crustacés", eggs: "Œufs", fish: "Poisson", peanuts: "Arachides", soybeans: "Soja",
    milk: "Lait", nuts: "Fruits à coque", celery: "Céleri", mustard: "Moutarde", sesame: "Sésame", sulphites: "Sulfites",
    lupin: "Lupin", molluscs: "Mollusques",
  },
  noScript: "Pour commander avec votre table, activez JavaScript. Vous pouvez lire toute la carte ci-dessous.",
  liveLoading: "Connexion à votre table…",
  scanToOrder: "Scannez pour voir la carte et commander",
  stores: "Nos restaurants",
  poweredBy: "Commande par Tableside",
  skipToMenu: "Aller au menu",
  unknownTitle: "Code inconnu",
  unknownBody: "Ce code de table n'existe pas. Vérifiez le lien ou demandez à un membre du personnel.",
  retiredTitle: "Ce code n'est plus utilisé",
  retiredBody: "Le QR code de cette table a été remplacé. Demandez le nouveau à un membre du personnel.",
  suspendedTitle: "Commande indisponible",
  suspendedBody: "Ce restaurant ne prend pas de commandes en ligne pour le moment. Commandez auprès du personnel.",
  closedTitle: "Fermé en ce moment",
  closedBody: "Ce restaurant est fermé en ce moment et ne prend pas de commandes. Revenez aux heures d'ouverture.",
  categories: "Catégories",
  everyDay: "Tous les jours",
  sep: ", ",
  colon: " : ",
  added: "Ajouté au panier de la table",
  yourTable: "Votre table",
  allergenInfo: "Allergènes : en cas de doute, demandez à notre équipe.",
};

const byLang: Record<string, GuestStrings> = { en, zh: zhCN, "zh-cn": zhCN, "zh-hans": zhCN, fr };

export function stringsFor(lang: string): GuestStrings {
  const lower = lang.toLowerCase();
  return byLang[lower] ?? byLang[lower.split("-")[0]!] ?? en;
}

/** Languages the interface itself speaks (for error pages that know no merchant). */
export const UI_LANGUAGES = ["en", "zh-CN", "fr"];
