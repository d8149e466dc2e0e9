import type { RuleIssue } from "./rules";

/** The texts of one menu item the translation table edits. */
export interface TextRow {
  kind: TextKind;
  id: string;
  name: Record<string, string>;
  /** Categories and dishes have one; option groups and options do not. */
  description?: Record<string, string>;
}

export type TextKind = "category" | "dish" | "option_group" | "option";

export interface TranslationUpdate {
  kind: TextKind;
  id: string;
  field: "name" | "description";
  lang: string;
  /** An empty text removes that language's translation. */
  text: string;
}

interface MenuTexts {
  categories: {
    id: string;
    name: Record<string, string>;
    description: Record<string, string>;
    dishes: { id: string; name: Record<string, string>; description: Record<string, string>; optionGroups: { id: string; name: Record<string, string>; options: { id: string; name: Record<string, string> }[] }[] }[];
  }[];
}

const key = (kind: TextKind, id: string) => `${kind}:${id}`;

/** Every text row of a menu, by `kind:id`. */
export function textRows(menu: MenuTexts): Map<string, TextRow> {
  const rows = new Map<string, TextRow>();
  for (const cat of menu.categories) {
    rows.set(key("category", cat.id), { id: cat.id, name: cat.name, description: cat.description, kind: "category" });
    for (const d of cat.dishes) {
      rows.set(key("dish", d.id), { id: d.id, name: d.name, description: d.description, kind: "dish" });
      for (const g of d.optionGroups) {
        rows.set(key("option_group", g.id), { id: g.id, name: g.name, kind: "option_group" });
        for (const o of g.options) rows.set(key("option", o.id), { id: o.id, name: o.name, kind: "option" });
      }
    }
  }
  return rows;
}

/**
 * Applies a batch of translation updates: the rows that change (each once, with every update to
 * it applied in order) and the issues that refuse the whole batch. Names are at most 120
 * characters and may not be emptied in the fallback language (the first of `languages`); only
 * the restaurant's languages are accepted; items without a description have none to translate.
 */
export function applyTranslations(rows: Map<string, TextRow>, languages: readonly string[], updates: readonly TranslationUpdate[]): { changed: TextRow[]; issues: RuleIssue[] } {
  const changed = new Map<string, TextRow>();
  const issues: RuleIssue[] = [];
  updates.forEach((u, i) => {
    const row = changed.get(key(u.kind, u.id)) ?? rows.get(key(u.kind, u.id));
    if (!row) return issues.push({ path: `updates.${i}.id`, rule: "unknown_item", message: `No ${u.kind.replace("_", " ")} ${u.id}.` });
    if (u.field === "description" && !row.description) return issues.push({ path: `updates.${i}.field`, rule: "no_description", message: "This item has no description." });
    if (!languages.includes(u.lang)) return issues.push({ path: `updates.${i}.lang`, rule: "unknown_language", message: `“${u.lang}” is not one of this restaurant's languages.` });
    if (u.field === "name" && u.text.length > 120) return issues.push({ path: `updates.${i}.text`, rule: "too_long", message: "At most 120 characters." });
    const text = { ...row[u.field]! };
    if (u.text) text[u.lang] = u.text;
    else delete text[u.lang];
    if (u.field === "name" && u.lang === languages[0] && !u.text) {
      return issues.push({ path: `updates.${i}.text`, rule: "name_required", message: `Required in ${languages[0]}, the fallback language.` });
    }
    changed.set(key(u.kind, u.id), { ...row, [u.field]: text });
  });
  return { changed: [...changed.values()], issues };
}
