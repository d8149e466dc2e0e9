import { eq } from "drizzle-orm";
import { optionGroups, options } from "../db/schema";
import { loadEditorDish, merchantLanguages, replaceGroupsStatements, type EditorDish } from "../db/menu/editor";
import type { OptionGroupInputT, OptionGroupPatchT, OptionInputT, OptionPatchT } from "../api/menu-input";
import { checkDish } from "../domain/menu/rules";
import type { TenantCall } from "./actor";
import { notFound } from "./errors";
import { groupInput } from "../db/menu/editor";
import { commitMenu, failOn, requireDish } from "./menu";

/**
 * A dish's option groups and options. Each change is checked against the whole dish's rules and
 * written as the dish's new list of groups (ids kept), so carts that reference them stay valid.
 */
async function saveGroups(call: TenantCall, dish: EditorDish, groups: OptionGroupInputT[], focus?: number) {
  const languages = await merchantLanguages(call.scope);
  let issues = checkDish({ ...dish, optionGroups: groups }, languages);
  if (focus !== undefined) {
    // Granular endpoints: report paths relative to the group that was sent.
    const prefix = `optionGroups.${focus}.`;
    issues = issues.map((i) => (i.path.startsWith(prefix) ? { ...i, path: i.path.slice(prefix.length) } : i));
  }
  failOn(issues);
  const version = await commitMenu(call, replaceGroupsStatements(call.scope, dish.id, groups, dish.optionGroups));
  return { dish: (await loadEditorDish(call.scope, dish.id))!, version };
}

async function findGroup(call: TenantCall, groupId: string) {
  const group = await call.scope.first(optionGroups, eq(optionGroups.id, groupId));
  if (!group) throw notFound("Option group");
  const dish = await requireDish(call, group.dishId);
  return { dish, index: dish.optionGroups.findIndex((g) => g.id === groupId) };
}

async function findOption(call: TenantCall, optionId: string) {
  const option = await call.scope.first(options, eq(options.id, optionId));
  if (!option) throw notFound("Option");
  const { dish, index } = await findGroup(call, option.groupId);
  return { dish, groupIndex: index, optionIndex: dish.optionGroups[index]!.options.findIndex((o) => o.id === optionId) };
}

export async function addOptionGroup(call: TenantCall, dishId: string, group: Omit<OptionGroupInputT, "id">) {
  const dish = await requireDish(call, dishId);
  const groups = [...dish.optionGroups.map(groupInput), { ...group, options: group.options.map(({ id: _id, ...o }) => o) }];
  return saveGroups(call, dish, groups, groups.length - 1);
}

export async function updateOptionGroup(call: TenantCall, groupId: string, patch: OptionGroupPatchT) {
  const { dish, index } = await findGroup(call, groupId);
  const groups = dish.optionGroups.map(groupInput);
  groups[index] = { ...groups[index]!, ...patch };
  return saveGroups(call, dish, groups, index);
}

export async function deleteOptionGroup(call: TenantCall, groupId: string) {
  const { dish, index } = await findGroup(call, groupId);
  return saveGroups(call, dish, dish.optionGroups.map(groupInput).filter((_, i) => i !== index));
}

export async function addOption(call: TenantCall, groupId: string, option: Omit<OptionInputT, "id">) {
  const { dish, index } = await findGroup(call, groupId);
  const groups = dish.optionGroups.map(groupInput);
  const group = groups[index]!;
  groups[index] = { ...group, options: [...group.options, option] };
  return saveGroups(call, dish, groups, index);
}

export async function updateOption(call: TenantCall, optionId: string, patch: OptionPatchT) {
  const { dish, groupIndex, optionIndex } = await findOption(call, optionId);
  const groups = dish.optionGroups.map(groupInput);
  const group = groups[groupIndex]!;
  const list = [...group.options];
  list[optionIndex] = { ...list[optionIndex]!, ...patch };
  groups[groupIndex] = { ...group, options: list };
  return saveGroups(call, dish, groups, groupIndex);
}

/** Removes an option (refused when its group's rules could no longer be met). */
export async function deleteOption(call: TenantCall, optionId: string) {
  const { dish, groupIndex, optionIndex } = await findOption(call, optionId);
  const groups = dish.optionGroups.map(groupInput);
  const group = groups[groupIndex]!;
  groups[groupIndex] = { ...group, options: group.options.filter((_, i) => i !== optionIndex) };
  return saveGroups(call, dish, groups, groupIndex);
}
