import { eq } from "drizzle-orm";
import type { TenantScope } from "../db/scope";
import { stores } from "../db/schema";
import { announceStoreChange } from "../floor/announce";
import type { Admission, StoreStatus } from "../domain/accounts";
import { addStoreDecision } from "../domain/staff/policy";
import { newId } from "../domain/ids";
import { slugify } from "../domain/slug";
import type { TenantCall } from "./actor";
import { commit } from "./commit";
import { conflict, notFound } from "./errors";
import { enforce, staffActor } from "./policy";

export interface NewStore {
  name: string;
  slug?: string;
  timeZone: string;
  currency: string;
  languages: string[];
  address?: string;
}

export interface StoreChange {
  name?: string;
  slug?: string;
  timeZone?: string;
  currency?: string;
  languages?: string[];
  address?: string;
  status?: StoreStatus;
  requireAllConfirm?: boolean;
  admission?: Admission;
  confirmFirstRound?: boolean;
}

/** The new `stores` row (without its tenant id) for a new store; the link defaults to the name. */
export const storeValues = (input: NewStore, id = newId("sto"), now = Date.now()) => ({
  id,
  name: input.name,
  slug: input.slug ?? (slugify(input.name) || "main"),
  timeZone: input.timeZone,
  currency: input.currency,
  languages: input.languages,
  address: input.address ?? "",
  createdAt: now,
});

export type StoreRow = typeof stores.$inferSelect;

/** The merchant's stores, oldest first. */
export async function listStores(scope: TenantScope): Promise<StoreRow[]> {
  return (await scope.select(stores)).sort((a, b) => a.createdAt - b.createdAt);
}

export async function getStore(scope: TenantScope, storeId: string): Promise<StoreRow> {
  const store = await scope.first(stores, eq(stores.id, storeId));
  if (!store) throw notFound("Store");
  return store;
}

async function refuseTakenSlug(scope: TenantScope, slug: string) {
  if (await scope.first(stores, eq(stores.slug, slug))) throw conflict("slug_taken", `A store with the link ${slug} exists; choose another.`);
}

/** Adds a store; a manager limited to one store cannot. */
export async function addStore(call: TenantCall, input: NewStore): Promise<StoreRow> {
  const { scope } = call;
  enforce(addStoreDecision(staffActor(call.actor)));
  const slug = input.slug ?? (slugify(input.name) || "store");
  await refuseTakenSlug(scope, slug);
  const id = newId("sto");
  await commit(call, [scope.insert(stores, storeValues({ ...input, slug }, id))], { audit: { action: "store.created", target: id } });
  return (await scope.first(stores, eq(stores.id, id)))!;
}

/**
 * Changes a store's settings, or opens / closes it. Guest pages show the store's state, currency
 * and languages, so the menu version is bumped; open tables act at once on a closed store or new
 * admission settings.
 */
export async function updateStore(call: TenantCall, storeId: string, change: StoreChange): Promise<StoreRow> {
  const { scope } = call;
  const store = await getStore(scope, storeId);
  if (change.slug && change.slug !== store.slug) await refuseTakenSlug(scope, change.slug);
  await commit(call, [scope.update(stores, change, eq(stores.id, storeId))], {
    bumpMenu: true,
    audit: { action: "store.updated", target: storeId, data: { ...change } },
  });
  if (change.status !== undefined || change.admission !== undefined || change.confirmFirstRound !== undefined) {
    await announceStoreChange(call.env, scope.merchantId, [storeId]);
  }
  return (await scope.first(stores, eq(stores.id, storeId)))!;
}
