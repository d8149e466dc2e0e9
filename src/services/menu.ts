import { and, eq, max, type SQL } from "drizzle-orm";
import { categories, dishes, soldOut, stores } from "../db/schema";
import { deleteDishStatements, groupInput, loadEditorDish, merchantLanguages, readMenuVersion, replaceGroupsStatements, type EditorDish } from "../db/menu/editor";
import { announceMenuChange } from "../db/menu/live";
import type { z } from "@hono/zod-openapi";
import type { CategoryInputT, CategoryPatch, DishInputT, DishPatchT, OptionGroupInputT } from "../api/menu-input";
import { checkDish, checkText, type RuleIssue } from "../domain/menu/rules";
import { storeWorkDecision } from "../domain/staff/policy";
import { newId } from "../domain/ids";
import type { TenantCall } from "./actor";
import { commit, type Statement } from "./commit";
import { conflict, invalid, notFound } from "./errors";
import { enforce, staffActor } from "./policy";
import { collectUnusedImages } from "./images";

type CategoryPatchT = z.infer<typeof CategoryPatch>;

/**
 * Menu writes: every change goes through `commitMenu`, which writes it with the menu-version bump
 * in one batch, forgets the cached guest pages and tells the open tables (new prices and sold-out
 * marks show at once). Answers the menu version after the change.
 */
export async function commitMenu(call: TenantCall, statements: Statement[]): Promise<number> {
  const version = await commit(call, statements, { bumpMenu: true });
  await announceMenuChange(call.env, call.scope.merchantId);
  return version;
}

/** Menu rule violations are refused with every issue and its field path. */
export function failOn(issues: RuleIssue[]): void {
  const first = issues[0];
  if (first) throw invalid("invalid_menu", `${first.path}: ${first.message}`, { issues });
}

export async function requireDish(call: TenantCall, dishId: string): Promise<EditorDish> {
  const dish = await loadEditorDish(call.scope, dishId);
  if (!dish) throw notFound("Dish");
  return dish;
}

/** A category of this menu; an unknown one is a rule issue at `path` (a body field), or not found when `path` is empty (the URL). */
export async function requireCategory(call: TenantCall, categoryId: string, path = "categoryId") {
  const category = await call.scope.first(categories, eq(categories.id, categoryId));
  if (!category) {
    if (path) throw invalid("invalid_menu", `${path}: No such category.`, { issues: [{ path, rule: "unknown_category", message: "No such category." }] });
    throw notFound("Category");
  }
  return category;
}

async function nextPosition(call: TenantCall, table: typeof categories | typeof dishes, condition?: SQL) {
  const [row] = await call.scope.pick({ p: max(table.position) }, table, condition);
  return (row?.p ?? -1) + 1;
}

// Categories -----------------------------------------------------------------------------------

export async function addCategory(call: TenantCall, input: CategoryInputT) {
  const languages = await merchantLanguages(call.scope);
  failOn([...checkText(input.name, "name", languages, true), ...checkText(input.description, "description", languages, false)]);
  const category = { id: newId("cat"), position: await nextPosition(call, categories), ...input };
  const version = await commitMenu(call, [call.scope.insert(categories, { ...category, createdAt: Date.now() })]);
  return { category, version };
}

export async function updateCategory(call: TenantCall, categoryId: string, patch: CategoryPatchT) {
  const existing = await requireCategory(call, categoryId, "");
  const languages = await merchantLanguages(call.scope);
  failOn([
    ...(patch.name ? checkText(patch.name, "name", languages, true) : []),
    ...(patch.description ? checkText(patch.description, "description", languages, false) : []),
  ]);
  const version = await commitMenu(call, [call.scope.update(categories, patch, eq(categories.id, categoryId))]);
  const { merchantId: _m, createdAt: _c, ...category } = { ...existing, ...patch };
  return { category, version };
}

export async function deleteCategory(call: TenantCall, categoryId: string) {
  await requireCategory(call, categoryId, "");
  if (await call.scope.first(dishes, eq(dishes.categoryId, categoryId))) {
    throw conflict("category_not_empty", "Move or delete this category's dishes first.");
  }
  return { version: await commitMenu(call, [call.scope.delete(categories, eq(categories.id, categoryId))]) };
}

// Dishes ---------------------------------------------------------------------------------------

export async function addDish(call: TenantCall, input: DishInputT) {
  const scope = call.scope;
  await requireCategory(call, input.categoryId);
  failOn(checkDish(input as never, await merchantLanguages(scope)));
  const { optionGroups: groups, ...fields } = input;
  const id = newId("dsh");
  const position = await nextPosition(call, dishes, eq(dishes.categoryId, input.categoryId));
  const version = await commitMenu(call, [
    scope.insert(dishes, { ...(fields as never as typeof dishes.$inferInsert), id, position, createdAt: Date.now() }),
    ...replaceGroupsStatements(scope, id, groups, []),
  ]);
  return { dish: (await loadEditorDish(scope, id))!, version };
}


/** Changes a dish; `optionGroups`, when sent, replaces its option groups. A move to another category puts it last there. */
export async function updateDish(call: TenantCall, dishId: string, patch: DishPatchT) {
  const scope = call.scope;
  const dish = await requireDish(call, dishId);
  const { optionGroups: groups, ...fields } = patch;
  const set: Record<string, unknown> = { ...fields };
  if (patch.categoryId && patch.categoryId !== dish.categoryId) {
    await requireCategory(call, patch.categoryId);
    set.position = await nextPosition(call, dishes, eq(dishes.categoryId, patch.categoryId));
  }
  const nextGroups = groups ?? dish.optionGroups.map(groupInput);
  failOn(checkDish({ ...dish, ...(fields as object), optionGroups: nextGroups } as never, await merchantLanguages(scope)));
  const statements: Statement[] = [];
  if (Object.keys(set).length) statements.push(scope.update(dishes, set as never, eq(dishes.id, dishId)));
  if (groups) statements.push(...replaceGroupsStatements(scope, dishId, groups, dish.optionGroups));
  const version = await commitMenu(call, statements);
  return { dish: (await loadEditorDish(scope, dishId))!, version };
}

/** Deletes a dish with its options (past orders keep their copy of it). */
export async function deleteDish(call: TenantCall, dishId: string) {
  const dish = await requireDish(call, dishId);
  const version = await commitMenu(call, deleteDishStatements(call.scope, dish));
  if (dish.image) await collectUnusedImages(call);
  return { version };
}

/** Marks a dish sold out (or back) at one store; staff limited to another store cannot. Setting the state it has changes nothing, not even the version. */
export async function setSoldOut(call: TenantCall, dishId: string, storeId: string, isSoldOut: boolean) {
  const scope = call.scope;
  enforce(storeWorkDecision(staffActor(call.actor), storeId));
  const [store, dish] = await Promise.all([scope.first(stores, eq(stores.id, storeId)), scope.first(dishes, eq(dishes.id, dishId))]);
  if (!store) throw notFound("Store");
  if (!dish) throw notFound("Dish");
  const mark = and(eq(soldOut.storeId, storeId), eq(soldOut.dishId, dishId));
  const existing = await scope.first(soldOut, mark);
  const statements: Statement[] = [];
  if (isSoldOut && !existing) statements.push(scope.insert(soldOut, { storeId, dishId, createdAt: Date.now() }).onConflictDoNothing());
  if (!isSoldOut && existing) statements.push(scope.delete(soldOut, mark));
  const version = statements.length ? await commitMenu(call, statements) : await readMenuVersion(scope);
  return { dishId, storeId, soldOut: isSoldOut, version };
}
