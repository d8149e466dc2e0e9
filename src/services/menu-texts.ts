import { eq } from "drizzle-orm";
import { categories, dishes, optionGroups, options } from "../db/schema";
import { loadEditorMenu, merchantLanguages } from "../db/menu/editor";
import { importStatements } from "../db/menu/document";
import type { MenuDocumentT } from "../api/menu-input";
import { checkDish, checkText, type RuleIssue } from "../domain/menu/rules";
import { applyTranslations, textRows, type TranslationUpdate } from "../domain/menu/translations";
import { isPermutation, needsParent, type ReorderKind } from "../domain/menu/reorder";
import type { TenantCall } from "./actor";
import { invalid, notFound } from "./errors";
import { commitMenu, failOn } from "./menu";
import { collectUnusedImages, discardUnrecorded, storeDocumentImages } from "./images";

/** Whole-menu edits: import a document, reorder a list, set many texts at once. */

/** Replaces the whole menu with a document, all or nothing; ids that belong to this menu are kept. */
export async function importMenu(call: TenantCall, doc: MenuDocumentT) {
  const scope = call.scope;
  const languages = await merchantLanguages(scope);
  const issues: RuleIssue[] = [];
  doc.categories.forEach((cat, ci) => {
    issues.push(...checkText(cat.name, `categories.${ci}.name`, languages, true));
    issues.push(...checkText(cat.description, `categories.${ci}.description`, languages, false));
    cat.dishes.forEach((d, di) => issues.push(...checkDish(d as never, languages, `categories.${ci}.dishes.${di}`)));
  });
  failOn(issues);
  const current = await loadEditorMenu(scope);
  // Dish photos travel in the document as files; they are checked and stored like uploads, and the
  // pictures of the replaced menu go once nothing references them.
  const { refs, rows } = await storeDocumentImages(call, doc);
  let version: number;
  try {
    version = await commitMenu(call, [...rows, ...importStatements(scope, doc, current, refs)]);
  } catch (e) {
    await discardUnrecorded(call, refs.values());
    throw e;
  }
  await collectUnusedImages(call);
  return { version, categories: doc.categories.length, dishes: doc.categories.reduce((n, cat) => n + cat.dishes.length, 0) };
}

const childTables = { categories, dishes, option_groups: optionGroups, options } as const;
const parentTables = { dishes: categories, option_groups: dishes, options: optionGroups } as const;

async function childrenOf(call: TenantCall, kind: ReorderKind, parentId: string | undefined): Promise<{ id: string }[]> {
  const scope = call.scope;
  if (kind === "categories") return scope.select(categories);
  if (kind === "dishes") return scope.select(dishes, eq(dishes.categoryId, parentId!));
  if (kind === "option_groups") return scope.select(optionGroups, eq(optionGroups.dishId, parentId!));
  return scope.select(options, eq(options.groupId, parentId!));
}

/** Puts the categories, a category's dishes, a dish's option groups or a group's options in a new order. */
export async function reorder(call: TenantCall, kind: ReorderKind, parentId: string | undefined, ids: string[]) {
  const scope = call.scope;
  if (needsParent(kind) && !parentId) throw invalid("invalid_request", "parentId: Required for this kind.", { issues: [{ path: "parentId", message: "Required for this kind." }] });
  const children = await childrenOf(call, kind, parentId);
  if (needsParent(kind) && children.length === 0) {
    const parentTable = parentTables[kind as keyof typeof parentTables];
    if (!(await scope.first(parentTable, eq(parentTable.id, parentId!)))) throw notFound("Parent");
  }
  if (!isPermutation(children.map((r) => r.id), ids)) throw invalid("reorder_mismatch", "Send every item of the list exactly once, and nothing else.");
  const table = childTables[kind] as typeof dishes;
  return { version: await commitMenu(call, ids.map((id, position) => scope.update(table, { position }, eq(table.id, id)))) };
}

/** Sets many texts in one go (the side-by-side translation table); an empty text removes that translation. */
export async function translate(call: TenantCall, updates: TranslationUpdate[]) {
  const scope = call.scope;
  const menu = await loadEditorMenu(scope);
  const { changed, issues } = applyTranslations(textRows(menu), menu.languages, updates);
  failOn(issues);
  const tableOf = { category: categories, dish: dishes, option_group: optionGroups, option: options } as const;
  const statements = changed.map((row) => {
    const table = tableOf[row.kind] as typeof dishes;
    const set = row.description ? { name: row.name, description: row.description } : { name: row.name };
    return scope.update(table, set, eq(table.id, row.id));
  });
  return { updated: updates.length, version: await commitMenu(call, statements) };
}
