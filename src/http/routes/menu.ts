import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, max } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, IdParam, jsonBody, jsonOk, LanguageTag } from "../schemas";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { MANAGERS, STAFF, requireMerchant } from "../middleware/tenant";
import { categories, dishes, merchants, optionGroups, options, soldOut, stores } from "../../db/schema";
import {
  bumpMenuVersion,
  deleteDishStatements,
  loadEditorDish,
  loadEditorMenu,
  merchantLanguages,
  replaceGroupsStatements,
  type EditorDish,
  type EditorGroup,
  type Statement,
} from "../../db/menu/editor";
import { exportMenu, importStatements } from "../../db/menu/document";
import {
  CategoryInput,
  CategoryPatch,
  DishInput,
  DishPatch,
  MenuDocument,
  OptionGroupInput,
  OptionGroupPatch,
  OptionInput,
  OptionPatch,
  type OptionGroupInputT,
} from "../../domain/menu/schemas";
import { checkDish, checkText, type RuleIssue } from "../../domain/menu/rules";
import { newId } from "../../domain/ids";
import { forgetMerchant } from "../../pages/cache";
import { announceMenuChange } from "../../db/menu/live";
import { multilineText } from "../../domain/text";

// ---------------------------------------------------------------------------------------------
// Response shapes

const Text = z.record(z.string(), z.string()).openapi("TranslatedText");
const OptionOut = z.object({ id: z.string(), position: z.number(), name: Text, priceDelta: z.number(), isDefault: z.boolean() }).openapi("MenuOptionItem");
const GroupOut = z
  .object({
    id: z.string(),
    position: z.number(),
    name: Text,
    kind: z.enum(["single", "multiple"]),
    minSelect: z.number(),
    maxSelect: z.number(),
    options: z.array(OptionOut),
  })
  .openapi("MenuOptionGroupItem");
const WindowOut = z.object({ days: z.array(z.number()), from: z.string(), to: z.string() });
const DishOut = z
  .object({
    id: z.string(),
    categoryId: z.string(),
    position: z.number(),
    name: Text,
    description: Text,
    price: z.number().openapi({ description: "Minor units" }),
    imageUrl: z.string().nullable(),
    tags: z.array(z.string()),
    spiceLevel: z.number(),
    allergens: z.array(z.string()),
    staffOnly: z.boolean(),
    hidden: z.boolean(),
    windows: z.array(WindowOut),
    optionGroups: z.array(GroupOut),
    soldOutStoreIds: z.array(z.string()),
  })
  .openapi("MenuDishItem");
const CategoryOut = z
  .object({ id: z.string(), position: z.number(), name: Text, description: Text, station: z.string(), hidden: z.boolean() })
  .openapi("MenuCategoryItem");
const EditorMenuOut = z
  .object({
    merchantId: z.string(),
    version: z.number(),
    languages: z.array(z.string()),
    stores: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), currency: z.string(), timeZone: z.string() })),
    categories: z.array(CategoryOut.extend({ dishes: z.array(DishOut) })),
  })
  .openapi("EditorMenu");
const Version = z.number().openapi({ description: "The merchant's menu version after this change" });

// ---------------------------------------------------------------------------------------------
// Helpers

const merchantParam = { merchantId: IdParam("merchantId") };
const security = [{ session: [] }];
const tags = ["menu"];

/** Runs the writes, the version bump and a read of the new version in one atomic batch. */
async function commit(c: Context<AppEnv>, statements: Statement[]): Promise<number> {
  const scope = c.var.scope;
  const db = scope.db;
  const results = await db.batch([
    ...statements,
    bumpMenuVersion(scope),
    db.select({ v: merchants.menuVersion }).from(merchants).where(eq(merchants.id, scope.merchantId)),
  ] as unknown as [Statement, ...Statement[]]);
  await forgetMerchant(scope.merchantId);
  // Open table pages show the change at once (new prices, sold-out marks); see db/menu/live.
  await announceMenuChange(c.env, scope.merchantId);
  const last = results[results.length - 1] as { v: number }[];
  return last[0]?.v ?? 0;
}

/** Menu rule violations answer 400 with every issue and its field path. */
function failOn(issues: RuleIssue[]): void {
  const first = issues[0];
  if (first) throw badRequest("invalid_menu", `${first.path}: ${first.message}`, { issues });
}

async function requireDish(c: Context<AppEnv>, dishId: string): Promise<EditorDish> {
  const dish = await loadEditorDish(c.var.scope, dishId);
  if (!dish) throw notFound("Dish");
  return dish;
}

async function requireCategory(c: Context<AppEnv>, categoryId: string, path = "categoryId") {
  const category = await c.var.scope.first(categories, eq(categories.id, categoryId));
  if (!category) {
    if (path) throw badRequest("invalid_menu", `${path}: No such category.`, { issues: [{ path, rule: "unknown_category", message: "No such category." }] });
    throw notFound("Category");
  }
  return category;
}

async function nextPosition(c: Context<AppEnv>, table: typeof categories | typeof dishes, condition?: ReturnType<typeof eq>) {
  const scope = c.var.scope;
  const [row] = await scope.db.select({ p: max(table.position) }).from(table).where(scope.where(table, condition));
  return (row?.p ?? -1) + 1;
}

const toGroupInput = (g: EditorGroup): OptionGroupInputT => ({
  id: g.id,
  name: g.name,
  kind: g.kind,
  minSelect: g.minSelect,
  maxSelect: g.maxSelect,
  options: g.options.map((o) => ({ id: o.id, name: o.name, priceDelta: o.priceDelta, isDefault: o.isDefault })),
});

/** Validates a dish whose option groups changed and writes the groups; returns the fresh dish. */
async function saveGroups(c: Context<AppEnv>, dish: EditorDish, groups: OptionGroupInputT[], focus?: number) {
  const languages = await merchantLanguages(c.var.scope);
  let issues = checkDish({ ...dish, optionGroups: groups }, languages);
  if (focus !== undefined) {
    // Granular endpoints: report paths relative to the group that was sent.
    const prefix = `optionGroups.${focus}.`;
    issues = issues.map((i) => (i.path.startsWith(prefix) ? { ...i, path: i.path.slice(prefix.length) } : i));
  }
  failOn(issues);
  const version = await commit(c, replaceGroupsStatements(c.var.scope, dish.id, groups, dish.optionGroups));
  return { dish: (await loadEditorDish(c.var.scope, dish.id))!, version };
}

async function findGroup(c: Context<AppEnv>, groupId: string) {
  const group = await c.var.scope.first(optionGroups, eq(optionGroups.id, groupId));
  if (!group) throw notFound("Option group");
  const dish = await requireDish(c, group.dishId);
  const index = dish.optionGroups.findIndex((g) => g.id === groupId);
  return { dish, index };
}

async function findOption(c: Context<AppEnv>, optionId: string) {
  const option = await c.var.scope.first(options, eq(options.id, optionId));
  if (!option) throw notFound("Option");
  const { dish, index } = await findGroup(c, option.groupId);
  return { dish, groupIndex: index, optionIndex: dish.optionGroups[index]!.options.findIndex((o) => o.id === optionId) };
}

export const menuRoutes = createRouter();

// ---------------------------------------------------------------------------------------------
// Whole menu

menuRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/menu",
    tags,
    security,
    summary: "The whole menu for editing: categories, dishes (hidden ones too), options, sold-out per store",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: z.object(merchantParam) },
    responses: { 200: jsonOk(EditorMenuOut), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => c.json(await loadEditorMenu(c.var.scope), 200),
);

menuRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/menu/export",
    tags,
    security,
    summary: "Export the whole menu as one JSON document (the import format)",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: z.object(merchantParam) },
    responses: { 200: jsonOk(MenuDocument), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const doc = await exportMenu(c.var.scope);
    c.header("content-disposition", `attachment; filename="menu-${c.var.scope.merchantId}.json"`);
    return c.json(doc as z.infer<typeof MenuDocument>, 200);
  },
);

menuRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/menu/import",
    tags,
    security,
    summary: "Replace the whole menu with a JSON document; all or nothing",
    description: "Ids in the document that belong to this menu are kept; others get new ids. Sold-out marks of removed dishes are dropped.",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: z.object(merchantParam), body: jsonBody(MenuDocument) },
    responses: {
      200: jsonOk(z.object({ version: Version, categories: z.number(), dishes: z.number() })),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  }),
  async (c) => {
    const doc = c.req.valid("json");
    const scope = c.var.scope;
    const languages = await merchantLanguages(scope);
    const issues: RuleIssue[] = [];
    doc.categories.forEach((cat, ci) => {
      issues.push(...checkText(cat.name, `categories.${ci}.name`, languages, true));
      issues.push(...checkText(cat.description, `categories.${ci}.description`, languages, false));
      cat.dishes.forEach((d, di) => issues.push(...checkDish(d as never, languages, `categories.${ci}.dishes.${di}`)));
    });
    failOn(issues);
    const current = await loadEditorMenu(scope);
    const version = await commit(c, importStatements(scope, doc, current));
    return c.json({ version, categories: doc.categories.length, dishes: doc.categories.reduce((n, cat) => n + cat.dishes.length, 0) }, 200);
  },
);

// ---------------------------------------------------------------------------------------------
// Categories

menuRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/menu/categories",
    tags,
    security,
    summary: "Add a category at the end of the menu",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: z.object(merchantParam), body: jsonBody(CategoryInput) },
    responses: { 201: jsonOk(z.object({ category: CategoryOut, version: Version })), ...errors },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const scope = c.var.scope;
    const languages = await merchantLanguages(scope);
    failOn([...checkText(input.name, "name", languages, true), ...checkText(input.description, "description", languages, false)]);
    const category = { id: newId("cat"), position: await nextPosition(c, categories), ...input };
    const version = await commit(c, [scope.insert(categories, { ...category, createdAt: Date.now() })]);
    return c.json({ category, version }, 201);
  },
);

const categoryParams = z.object({ ...merchantParam, categoryId: IdParam("categoryId") });

menuRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/menu/categories/{categoryId}",
    tags,
    security,
    summary: "Change a category: names, description, kitchen station, hidden",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: categoryParams, body: jsonBody(CategoryPatch) },
    responses: { 200: jsonOk(z.object({ category: CategoryOut, version: Version })), ...errors },
  }),
  async (c) => {
    const { categoryId } = c.req.valid("param");
    const patch = c.req.valid("json");
    const scope = c.var.scope;
    const existing = await requireCategory(c, categoryId, "");
    const languages = await merchantLanguages(scope);
    failOn([
      ...(patch.name ? checkText(patch.name, "name", languages, true) : []),
      ...(patch.description ? checkText(patch.description, "description", languages, false) : []),
    ]);
    const version = await commit(c, [scope.update(categories, patch, eq(categories.id, categoryId))]);
    const { merchantId: _m, createdAt: _c, ...rest } = { ...existing, ...patch };
    return c.json({ category: rest, version }, 200);
  },
);

menuRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/menu/categories/{categoryId}",
    tags,
    security,
    summary: "Delete an empty category",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: categoryParams },
    responses: { 200: jsonOk(z.object({ deleted: z.literal(true), version: Version })), ...errors },
  }),
  async (c) => {
    const { categoryId } = c.req.valid("param");
    const scope = c.var.scope;
    await requireCategory(c, categoryId, "");
    if (await scope.first(dishes, eq(dishes.categoryId, categoryId))) {
      throw conflict("category_not_empty", "Move or delete this category's dishes first.");
    }
    const version = await commit(c, [scope.delete(categories, eq(categories.id, categoryId))]);
    return c.json({ deleted: true as const, version }, 200);
  },
);

// ---------------------------------------------------------------------------------------------
// Dishes

menuRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/menu/dishes",
    tags,
    security,
    summary: "Add a dish (with its option groups) at the end of a category",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: z.object(merchantParam), body: jsonBody(DishInput) },
    responses: { 201: jsonOk(z.object({ dish: DishOut, version: Version })), ...errors },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const scope = c.var.scope;
    await requireCategory(c, input.categoryId);
    failOn(checkDish(input as never, await merchantLanguages(scope)));
    const { optionGroups: groups, ...fields } = input;
    const id = newId("dsh");
    const position = await nextPosition(c, dishes, eq(dishes.categoryId, input.categoryId));
    const version = await commit(c, [
      scope.insert(dishes, { ...(fields as never as typeof dishes.$inferInsert), id, position, createdAt: Date.now() }),
      ...replaceGroupsStatements(scope, id, groups, []),
    ]);
    return c.json({ dish: (await loadEditorDish(scope, id))!, version }, 201);
  },
);

const dishParams = z.object({ ...merchantParam, dishId: IdParam("dishId") });

menuRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{merchantId}/menu/dishes/{dishId}",
    tags,
    security,
    summary: "One dish with its option groups",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: dishParams },
    responses: { 200: jsonOk(z.object({ dish: DishOut })), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => c.json({ dish: await requireDish(c, c.req.valid("param").dishId) }, 200),
);

menuRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/menu/dishes/{dishId}",
    tags,
    security,
    summary: "Change a dish; `optionGroups`, when sent, replaces its option groups",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: dishParams, body: jsonBody(DishPatch) },
    responses: { 200: jsonOk(z.object({ dish: DishOut, version: Version })), ...errors },
  }),
  async (c) => {
    const { dishId } = c.req.valid("param");
    const patch = c.req.valid("json");
    const scope = c.var.scope;
    const dish = await requireDish(c, dishId);
    const { optionGroups: groups, ...fields } = patch;
    const set: Record<string, unknown> = { ...fields };
    if (patch.categoryId && patch.categoryId !== dish.categoryId) {
      await requireCategory(c, patch.categoryId);
      set.position = await nextPosition(c, dishes, eq(dishes.categoryId, patch.categoryId));
    }
    const nextGroups = groups ?? dish.optionGroups.map(toGroupInput);
    failOn(checkDish({ ...dish, ...(fields as object), optionGroups: nextGroups } as never, await merchantLanguages(scope)));
    const statements: Statement[] = [];
    if (Object.keys(set).length) statements.push(scope.update(dishes, set as never, eq(dishes.id, dishId)));
    if (groups) statements.push(...replaceGroupsStatements(scope, dishId, groups, dish.optionGroups));
    const version = await commit(c, statements);
    return c.json({ dish: (await loadEditorDish(scope, dishId))!, version }, 200);
  },
);

menuRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/menu/dishes/{dishId}",
    tags,
    security,
    summary: "Delete a dish with its options (past orders keep their copy of it)",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: dishParams },
    responses: { 200: jsonOk(z.object({ deleted: z.literal(true), version: Version })), ...errors },
  }),
  async (c) => {
    const dish = await requireDish(c, c.req.valid("param").dishId);
    const version = await commit(c, deleteDishStatements(c.var.scope, dish));
    return c.json({ deleted: true as const, version }, 200);
  },
);

menuRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{merchantId}/menu/dishes/{dishId}/sold-out",
    tags,
    security,
    summary: "Mark a dish sold out (or back) at one store; waiters and kitchen staff may do this",
    middleware: [requireMerchant(STAFF)] as const,
    request: { params: dishParams, body: jsonBody(z.object({ storeId: z.string().min(1).max(64), soldOut: z.boolean() })) },
    responses: {
      200: jsonOk(z.object({ dishId: z.string(), storeId: z.string(), soldOut: z.boolean(), version: Version })),
      ...errors,
    },
  }),
  async (c) => {
    const { dishId } = c.req.valid("param");
    const body = c.req.valid("json");
    const scope = c.var.scope;
    const access = c.var.access;
    if (access.storeId && access.storeId !== body.storeId) throw forbidden("You work at another store.");
    const [store, dish] = await Promise.all([scope.first(stores, eq(stores.id, body.storeId)), scope.first(dishes, eq(dishes.id, dishId))]);
    if (!store) throw notFound("Store");
    if (!dish) throw notFound("Dish");
    const existing = await scope.first(soldOut, and(eq(soldOut.storeId, body.storeId), eq(soldOut.dishId, dishId)));
    const statements: Statement[] = [];
    if (body.soldOut && !existing) statements.push(scope.insert(soldOut, { storeId: body.storeId, dishId, createdAt: Date.now() }).onConflictDoNothing());
    if (!body.soldOut && existing) statements.push(scope.delete(soldOut, and(eq(soldOut.storeId, body.storeId), eq(soldOut.dishId, dishId))));
    // Setting the state it already has changes nothing, not even the version.
    const version = statements.length ? await commit(c, statements) : (await scope.db.select({ v: merchants.menuVersion }).from(merchants).where(eq(merchants.id, scope.merchantId)))[0]!.v;
    return c.json({ dishId, storeId: body.storeId, soldOut: body.soldOut, version }, 200);
  },
);

// ---------------------------------------------------------------------------------------------
// Option groups and options (each change is checked against the whole dish's rules)

const DishResult = jsonOk(z.object({ dish: DishOut, version: Version }));

menuRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/menu/dishes/{dishId}/option-groups",
    tags,
    security,
    summary: "Add an option group (with its options) to a dish",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: dishParams, body: jsonBody(OptionGroupInput.omit({ id: true })) },
    responses: { 201: DishResult, ...errors },
  }),
  async (c) => {
    const dish = await requireDish(c, c.req.valid("param").dishId);
    const group = c.req.valid("json");
    const groups = [...dish.optionGroups.map(toGroupInput), { ...group, options: group.options.map(({ id: _id, ...o }) => o) }];
    return c.json(await saveGroups(c, dish, groups, groups.length - 1), 201);
  },
);

const groupParams = z.object({ ...merchantParam, groupId: IdParam("groupId") });

menuRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/menu/option-groups/{groupId}",
    tags,
    security,
    summary: "Change an option group: name, single or multiple choice, min and max",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: groupParams, body: jsonBody(OptionGroupPatch) },
    responses: { 200: DishResult, ...errors },
  }),
  async (c) => {
    const { dish, index } = await findGroup(c, c.req.valid("param").groupId);
    const patch = c.req.valid("json");
    const groups = dish.optionGroups.map(toGroupInput);
    groups[index] = { ...groups[index]!, ...patch };
    return c.json(await saveGroups(c, dish, groups, index), 200);
  },
);

menuRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/menu/option-groups/{groupId}",
    tags,
    security,
    summary: "Remove an option group and its options from its dish",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: groupParams },
    responses: { 200: DishResult, ...errors },
  }),
  async (c) => {
    const { dish, index } = await findGroup(c, c.req.valid("param").groupId);
    const groups = dish.optionGroups.map(toGroupInput).filter((_, i) => i !== index);
    return c.json(await saveGroups(c, dish, groups), 200);
  },
);

menuRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{merchantId}/menu/option-groups/{groupId}/options",
    tags,
    security,
    summary: "Add an option to a group",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: groupParams, body: jsonBody(OptionInput.omit({ id: true })) },
    responses: { 201: DishResult, ...errors },
  }),
  async (c) => {
    const { dish, index } = await findGroup(c, c.req.valid("param").groupId);
    const groups = dish.optionGroups.map(toGroupInput);
    const group = groups[index]!;
    groups[index] = { ...group, options: [...group.options, c.req.valid("json")] };
    return c.json(await saveGroups(c, dish, groups, index), 201);
  },
);

const optionParams = z.object({ ...merchantParam, optionId: IdParam("optionId") });

menuRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{merchantId}/menu/options/{optionId}",
    tags,
    security,
    summary: "Change an option: names, price change, preselected",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: optionParams, body: jsonBody(OptionPatch) },
    responses: { 200: DishResult, ...errors },
  }),
  async (c) => {
    const { dish, groupIndex, optionIndex } = await findOption(c, c.req.valid("param").optionId);
    const groups = dish.optionGroups.map(toGroupInput);
    const group = groups[groupIndex]!;
    const list = [...group.options];
    list[optionIndex] = { ...list[optionIndex]!, ...c.req.valid("json") };
    groups[groupIndex] = { ...group, options: list };
    return c.json(await saveGroups(c, dish, groups, groupIndex), 200);
  },
);

menuRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{merchantId}/menu/options/{optionId}",
    tags,
    security,
    summary: "Remove an option (refused when its group's rules could no longer be met)",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: optionParams },
    responses: { 200: DishResult, ...errors },
  }),
  async (c) => {
    const { dish, groupIndex, optionIndex } = await findOption(c, c.req.valid("param").optionId);
    const groups = dish.optionGroups.map(toGroupInput);
    const group = groups[groupIndex]!;
    groups[groupIndex] = { ...group, options: group.options.filter((_, i) => i !== optionIndex) };
    return c.json(await saveGroups(c, dish, groups, groupIndex), 200);
  },
);

// ---------------------------------------------------------------------------------------------
// Reorder and translations

const ReorderInput = z
  .object({
    kind: z.enum(["categories", "dishes", "option_groups", "options"]),
    parentId: z.string().max(64).optional().openapi({ description: "The category (dishes), dish (option groups) or group (options) whose children are reordered" }),
    ids: z.array(z.string().max(64)).max(1000).openapi({ description: "Every child id, each once, in the new order" }),
  })
  .openapi("ReorderInput");

menuRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{merchantId}/menu/order",
    tags,
    security,
    summary: "Reorder categories, the dishes of a category, a dish's option groups or a group's options",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: z.object(merchantParam), body: jsonBody(ReorderInput) },
    responses: { 200: jsonOk(z.object({ version: Version })), ...errors },
  }),
  async (c) => {
    const { kind, parentId, ids } = c.req.valid("json");
    const scope = c.var.scope;
    const needParent = kind !== "categories";
    if (needParent && !parentId) throw badRequest("invalid_request", "parentId: Required for this kind.", { issues: [{ path: "parentId", message: "Required for this kind." }] });
    const table = { categories, dishes, option_groups: optionGroups, options }[kind];
    const children: { id: string }[] =
      kind === "categories"
        ? await scope.select(categories)
        : kind === "dishes"
          ? await scope.select(dishes, eq(dishes.categoryId, parentId!))
          : kind === "option_groups"
            ? await scope.select(optionGroups, eq(optionGroups.dishId, parentId!))
            : await scope.select(options, eq(options.groupId, parentId!));
    if (needParent && children.length === 0) {
      const parentTable = { dishes: categories, option_groups: dishes, options: optionGroups }[kind as "dishes"];
      if (!(await scope.first(parentTable, eq(parentTable.id, parentId!)))) throw notFound("Parent");
    }
    const current = new Set(children.map((r) => r.id));
    if (ids.length !== current.size || new Set(ids).size !== ids.length || !ids.every((id) => current.has(id))) {
      throw badRequest("reorder_mismatch", "Send every item of the list exactly once, and nothing else.");
    }
    const version = await commit(c, ids.map((id, position) => scope.update(table as typeof dishes, { position }, eq(table.id, id))));
    return c.json({ version }, 200);
  },
);

const TranslationUpdate = z.object({
  kind: z.enum(["category", "dish", "option_group", "option"]),
  id: z.string().min(1).max(64),
  field: z.enum(["name", "description"]),
  lang: LanguageTag,
  text: multilineText(1000),
});

menuRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{merchantId}/menu/translations",
    tags,
    security,
    summary: "Set many texts in one go (the side-by-side translation table); an empty text removes that translation",
    middleware: [requireMerchant(MANAGERS)] as const,
    request: { params: z.object(merchantParam), body: jsonBody(z.object({ updates: z.array(TranslationUpdate).min(1).max(500) }).openapi("TranslationUpdates")) },
    responses: { 200: jsonOk(z.object({ updated: z.number(), version: Version })), ...errors },
  }),
  async (c) => {
    const { updates } = c.req.valid("json");
    const scope = c.var.scope;
    const menu = await loadEditorMenu(scope);
    const languages = menu.languages;
    type Row = { id: string; name: Record<string, string>; description?: Record<string, string>; kind: string };
    const rows = new Map<string, Row>();
    for (const cat of menu.categories) {
      rows.set(`category:${cat.id}`, { id: cat.id, name: cat.name, description: cat.description, kind: "category" });
      for (const d of cat.dishes) {
        rows.set(`dish:${d.id}`, { id: d.id, name: d.name, description: d.description, kind: "dish" });
        for (const g of d.optionGroups) {
          rows.set(`option_group:${g.id}`, { id: g.id, name: g.name, kind: "option_group" });
          for (const o of g.options) rows.set(`option:${o.id}`, { id: o.id, name: o.name, kind: "option" });
        }
      }
    }
    const changed = new Map<string, Row>();
    const issues: RuleIssue[] = [];
    updates.forEach((u, i) => {
      const row = changed.get(`${u.kind}:${u.id}`) ?? rows.get(`${u.kind}:${u.id}`);
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
      changed.set(`${u.kind}:${u.id}`, { ...row, [u.field]: text });
    });
    failOn(issues);
    const tableOf = { category: categories, dish: dishes, option_group: optionGroups, option: options } as const;
    const statements = [...changed.values()].map((row) => {
      const table = tableOf[row.kind as keyof typeof tableOf] as typeof dishes;
      const set = row.description ? { name: row.name, description: row.description } : { name: row.name };
      return scope.update(table, set, eq(table.id, row.id));
    });
    const version = await commit(c, statements);
    return c.json({ updated: updates.length, version }, 200);
  },
);
