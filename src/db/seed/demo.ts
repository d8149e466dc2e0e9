import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { isvs, memberships, merchants, stores, tables, users, type Role } from "../schema";
import { hashPassword } from "../../domain/passwords";
import { newTableCode } from "../../domain/ids";
import { seedDemoMenu } from "./demo-menu";
import { choosePlacement } from "../ledger/placement";
import { seedDemoImages } from "./demo-images";
import type { Env } from "../../env";

export const DEMO_PASSWORD = "tableside-demo";
export const DEMO_MERCHANT_ID = "mer_demo";
export const DEMO_STORE_ID = "sto_demo_main";
export const DEMO_ISV_ID = "isv_demo";

export const DEMO_LOGINS: { role: Role; email: string; name: string }[] = [
  { role: "owner", email: "owner@demo.test", name: "Olivia Owner" },
  { role: "manager", email: "manager@demo.test", name: "Manu Manager" },
  { role: "waiter", email: "waiter@demo.test", name: "Wes Waiter" },
  { role: "kitchen", email: "kitchen@demo.test", name: "Kim Kitchen" },
  { role: "isv_admin", email: "isv@demo.test", name: "Ivy Reseller" },
  { role: "platform_admin", email: "admin@demo.test", name: "Pat Platform" },
];

const DEMO_TABLES = [
  ...Array.from({ length: 8 }, (_, i) => ({ name: `T${i + 1}`, area: "Dining room", seats: i % 3 === 0 ? 6 : 4 })),
  ...Array.from({ length: 4 }, (_, i) => ({ name: `P${i + 1}`, area: "Terrace", seats: 2 })),
];

/**
 * The demo restaurant, written with fixed ids and INSERT OR IGNORE so running it again changes
 * nothing: an ISV, merchant `demo` with one store, a login per role, 12 tables, the menu and,
 * given the bindings, its pictures (demo-images.ts).
 * Table codes are random on first insert and kept afterwards.
 */
export async function seedDemo(db: Db, env?: Pick<Env, "DB" | "FLOOR" | "MEDIA">): Promise<void> {
  const now = Date.UTC(2026, 0, 1);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Placed like any new merchant; a second seed keeps the first placement (INSERT OR IGNORE).
  const ledger = await choosePlacement(db);
  const userRows = DEMO_LOGINS.map((l) => ({ id: `usr_demo_${l.role}`, email: l.email, name: l.name, passwordHash, createdAt: now }));
  await db.batch([
    db.insert(isvs).values({ id: DEMO_ISV_ID, name: "Demo Reseller", commissionBps: 1000, createdAt: now }).onConflictDoNothing(),
    db
      .insert(merchants)
      .values({
        id: DEMO_MERCHANT_ID,
        isvId: DEMO_ISV_ID,
        name: "Le Comptoir Demo",
        slug: "demo",
        languages: ["en", "zh-CN", "fr"],
        branding: { accentColor: "#1f6f5c" },
        ledger,
        createdAt: now,
      })
      .onConflictDoNothing(),
    db
      .insert(stores)
      .values({
        id: DEMO_STORE_ID,
        merchantId: DEMO_MERCHANT_ID,
        name: "Le Comptoir — Canal",
        slug: "canal",
        timeZone: "Europe/Paris",
        currency: "EUR",
        languages: ["en", "zh-CN", "fr"],
        address: "12 Quai de Valmy, Paris",
        createdAt: now,
      })
      .onConflictDoNothing(),
    db.insert(users).values(userRows).onConflictDoNothing(),
    db
      .insert(memberships)
      .values(
        DEMO_LOGINS.map((l) => ({
          id: `mem_demo_${l.role}`,
          userId: `usr_demo_${l.role}`,
          role: l.role,
          merchantId: ["owner", "manager", "waiter", "kitchen"].includes(l.role) ? DEMO_MERCHANT_ID : null,
          isvId: l.role === "isv_admin" ? DEMO_ISV_ID : null,
          createdAt: now,
        })),
      )
      .onConflictDoNothing(),
    db
      .insert(tables)
      .values(
        DEMO_TABLES.map((t) => ({
          id: `tbl_demo_${t.name.toLowerCase()}`,
          merchantId: DEMO_MERCHANT_ID,
          storeId: DEMO_STORE_ID,
          code: newTableCode(),
          createdAt: now,
          ...t,
        })),
      )
      .onConflictDoNothing({ target: tables.id }),
  ]);
  await seedDemoMenu(db, DEMO_MERCHANT_ID, DEMO_STORE_ID);
  // Pictures go through the image service, which needs the bucket (the dev seed route passes it).
  if (env) await seedDemoImages(db, env, DEMO_MERCHANT_ID);
}

export async function demoTables(db: Db) {
  return db.all<{ name: string; area: string; code: string }>(
    sql`SELECT name, area, code FROM tables WHERE merchant_id = ${DEMO_MERCHANT_ID} ORDER BY area, length(name), name`,
  );
}
