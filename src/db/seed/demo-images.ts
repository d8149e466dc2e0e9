/**
 * Pictures for the demo restaurant, drawn by illustrations.ts and uploaded through the same
 * service as a console upload (checked, stored in R2, recorded, referenced). Only dishes with no
 * picture yet get one, and the logo and cover only when there is none, so seeding again uploads
 * nothing.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { TenantScope } from "../scope";
import { dishes } from "../schema";
import type { Env } from "../../env";
import { heightFor, KIND_RULES, type ImageKind } from "../../domain/images/types";
import { systemActor } from "../../services/actor";
import { setBrandingImage, setDishImage } from "../../services/images";
import { coverIllustration, dishIllustration, drawPng, logoIllustration, type Illustration } from "./illustrations";

const PALETTES: Record<string, Parameters<typeof dishIllustration>[1]> = {
  spring_rolls: { table: "#7a5236", food: "#d9a441", garnish: "#c0392b" },
  dumplings: { table: "#3e4a5a", food: "#efe3c8", garnish: "#3c7a3a" },
  cucumber: { table: "#5e6b4a", food: "#6aa84f", garnish: "#b22222" },
  edamame: { table: "#6b4a3a", food: "#7fb046", garnish: "#4f7f2a", vessel: "bowl" },
  squid: { table: "#35506b", food: "#e8c07a", garnish: "#7fbf3f" },
  prawn_toast: { table: "#6b3a3a", food: "#e9a36b", garnish: "#f2e6c9" },
  wontons: { table: "#4a3a2e", food: "#b8331f", garnish: "#f3ead2", vessel: "bowl" },
  beef_noodles: { table: "#2f3e46", food: "#8e4a22", garnish: "#5b8c3a", vessel: "bowl" },
  jasmine_tea: { table: "#4f6d5a", food: "#c9b458", garnish: "#f6f1dc", vessel: "glass" },
  milk_tea: { table: "#5a4636", food: "#c79a6b", garnish: "#2b1d14", vessel: "glass" },
};

const files = (kind: ImageKind, ill: Illustration) => Promise.all(KIND_RULES[kind].widths.map((w) => drawPng(ill, w, heightFor(kind, w))));

export async function seedDemoImages(db: Db, env: Pick<Env, "DB" | "FLOOR" | "MEDIA">, merchantId: string): Promise<void> {
  const scope = new TenantScope(db, merchantId);
  const call = { scope, actor: systemActor("demo seed"), env };
  const p = merchantId.replace(/^mer_/, "");
  for (const [key, palette] of Object.entries(PALETTES)) {
    const id = `dsh_${p}_${key}`;
    const dish = await scope.first(dishes, eq(dishes.id, id));
    if (!dish || dish.image) continue;
    await setDishImage(call, id, await files("dish", dishIllustration(key, palette)));
  }
  const branding = (await scope.merchantRow())?.branding ?? {};
  if (!branding.cover) await setBrandingImage(call, "cover", await files("cover", coverIllustration()));
  if (!branding.logo) await setBrandingImage(call, "logo", await files("logo", logoIllustration()));
}
