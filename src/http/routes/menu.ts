import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../router";
import { errors, IdParam, jsonBody, jsonOk, LanguageTag } from "../schemas";
import { MANAGERS, STAFF, requireMerchant } from "../middleware/tenant";
import { callOf } from "../actor";
import { loadEditorMenu } from "../../db/menu/editor";
import { exportMenu } from "../../db/menu/document";
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
} from "../../api/menu-input";
import { multilineText } from "../../api/text";
// Response shapes: declared once in src/api, where the console takes its types from.
import { EditorMenuSchema as EditorMenuOut, MenuCategoryItemSchema as CategoryOut, MenuDishSchema as DishOut, MenuVersionSchema as Version } from "../../api/menu";
import { addCategory, addDish, deleteCategory, deleteDish, requireDish, setSoldOut, updateCategory, updateDish } from "../../services/menu";
import { addOption, addOptionGroup, deleteOption, deleteOptionGroup, updateOption, updateOptionGroup } from "../../services/menu-options";
import { importMenu, reorder, translate } from "../../services/menu-texts";

// ---------------------------------------------------------------------------------------------
// Helpers

const merchantParam = { merchantId: IdParam("merchantId") };
const security = [{ session: [] }];
const tags = ["menu"];

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
    const doc = await exportMenu(c.var.scope, c.env.MEDIA);
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
  async (c) => c.json(await importMenu(callOf(c), c.req.valid("json")), 200),
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
  async (c) => c.json(await addCategory(callOf(c), c.req.valid("json")), 201),
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
  async (c) => c.json(await updateCategory(callOf(c), c.req.valid("param").categoryId, c.req.valid("json")), 200),
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
  async (c) => c.json({ deleted: true as const, ...(await deleteCategory(callOf(c), c.req.valid("param").categoryId)) }, 200),
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
  async (c) => c.json(await addDish(callOf(c), c.req.valid("json")), 201),
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
  async (c) => c.json({ dish: await requireDish(callOf(c), c.req.valid("param").dishId) }, 200),
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
  async (c) => c.json(await updateDish(callOf(c), c.req.valid("param").dishId, c.req.valid("json")), 200),
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
  async (c) => c.json({ deleted: true as const, ...(await deleteDish(callOf(c), c.req.valid("param").dishId)) }, 200),
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
    const { storeId, soldOut } = c.req.valid("json");
    return c.json(await setSoldOut(callOf(c), c.req.valid("param").dishId, storeId, soldOut), 200);
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
  async (c) => c.json(await addOptionGroup(callOf(c), c.req.valid("param").dishId, c.req.valid("json")), 201),
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
  async (c) => c.json(await updateOptionGroup(callOf(c), c.req.valid("param").groupId, c.req.valid("json")), 200),
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
  async (c) => c.json(await deleteOptionGroup(callOf(c), c.req.valid("param").groupId), 200),
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
  async (c) => c.json(await addOption(callOf(c), c.req.valid("param").groupId, c.req.valid("json")), 201),
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
  async (c) => c.json(await updateOption(callOf(c), c.req.valid("param").optionId, c.req.valid("json")), 200),
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
  async (c) => c.json(await deleteOption(callOf(c), c.req.valid("param").optionId), 200),
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
    return c.json(await reorder(callOf(c), kind, parentId, ids), 200);
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
  async (c) => c.json(await translate(callOf(c), c.req.valid("json").updates), 200),
);
