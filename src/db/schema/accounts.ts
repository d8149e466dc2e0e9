import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Admission, Branding, MerchantStatus, Role, StoreStatus } from "../../domain/accounts";
import type { PaymentSettings } from "../../domain/payments/settings";
import { json, utcMillis } from "./common";

// The types of these columns belong to the domain; re-exported for the code that reads rows.
export type { Admission, Branding, MerchantStatus, Role, StoreStatus };

/** A reseller. */
export const isvs = sqliteTable("isvs", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Commission in basis points of the merchants' paid sales. */
  commissionBps: integer("commission_bps").notNull().default(1000),
  status: text("status").$type<"active" | "suspended">().notNull().default("active"),
  createdAt: utcMillis("created_at").notNull(),
});

/** The tenant: a restaurant business. Its id is the tenant id carried by every tenant row. */
export const merchants = sqliteTable(
  "merchants",
  {
    id: text("id").primaryKey(),
    isvId: text("isv_id").references(() => isvs.id),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    status: text("status").$type<MerchantStatus>().notNull().default("active"),
    /** Languages the menu is written in; the first is the fallback. */
    languages: json<string[]>("languages").notNull(),
    branding: json<Branding>("branding").notNull().default(sql`'{}'`),
    /** Bumped by every menu edit; part of the guest page cache key. */
    menuVersion: integer("menu_version").notNull().default(1),
    /** Which ledger database (LEDGER_<n>) holds this merchant's sessions and orders; chosen once at creation (db/ledger/placement.ts). */
    ledger: integer("ledger").notNull().default(0),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [uniqueIndex("merchants_slug_uq").on(t.slug), index("merchants_isv_idx").on(t.isvId), index("merchants_ledger_idx").on(t.ledger)],
);

export const stores = sqliteTable(
  "stores",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    timeZone: text("time_zone").notNull(),
    /** ISO 4217 code; every amount of this store is in its minor units. */
    currency: text("currency").notNull(),
    languages: json<string[]>("languages").notNull(),
    status: text("status").$type<StoreStatus>().notNull().default("open"),
    address: text("address").notNull().default(""),
    /** When true a round is sent only after every diner at the table confirmed it. */
    requireAllConfirm: integer("require_all_confirm", { mode: "boolean" }).notNull().default(false),
    /** "party": a device scanning a table with diners asks them to let it in; "open": anyone who scans joins (counters, food courts). */
    admission: text("admission").$type<Admission>().notNull().default("party"),
    /** When true the first round of a session a guest opened waits for a staff member's confirmation on the board. */
    confirmFirstRound: integer("confirm_first_round", { mode: "boolean" }).notNull().default(false),
    /** Tax, service charge, tip presets, accepted wallets, when guests pay; null = DEFAULT_PAYMENT_SETTINGS. */
    paymentSettings: json<PaymentSettings>("payment_settings"),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [uniqueIndex("stores_merchant_slug_uq").on(t.merchantId, t.slug)],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; null until an invitation is accepted. */
    passwordHash: text("password_hash"),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

/**
 * A user's role somewhere: on the platform (no ISV, no merchant), in an ISV, or in a merchant
 * (optionally limited to one store). One role per user per merchant and per ISV: the unique
 * indexes make two invitations accepted at the same moment end in one membership, not two.
 */
export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    role: text("role").$type<Role>().notNull(),
    isvId: text("isv_id").references(() => isvs.id),
    merchantId: text("merchant_id").references(() => merchants.id),
    storeId: text("store_id").references(() => stores.id),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("memberships_merchant_user_uq").on(t.merchantId, t.userId),
    uniqueIndex("memberships_isv_user_uq").on(t.isvId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);

/** Server-side login sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: utcMillis("created_at").notNull(),
    expiresAt: utcMillis("expires_at").notNull(),
    revokedAt: utcMillis("revoked_at"),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** Invitation to join a merchant (staff, or the owner created by an ISV) or an ISV. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    merchantId: text("merchant_id").references(() => merchants.id),
    isvId: text("isv_id").references(() => isvs.id),
    storeId: text("store_id").references(() => stores.id),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    role: text("role").$type<Role>().notNull(),
    invitedBy: text("invited_by").references(() => users.id),
    createdAt: utcMillis("created_at").notNull(),
    expiresAt: utcMillis("expires_at").notNull(),
    acceptedAt: utcMillis("accepted_at"),
    revokedAt: utcMillis("revoked_at"),
  },
  (t) => [
    uniqueIndex("invitations_token_uq").on(t.tokenHash),
    index("invitations_merchant_idx").on(t.merchantId, t.createdAt),
  ],
);

/** Partner API keys of an ISV. The key is shown once; only its SHA-256 is stored. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    isvId: text("isv_id").notNull().references(() => isvs.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: utcMillis("created_at").notNull(),
    lastUsedAt: utcMillis("last_used_at"),
    revokedAt: utcMillis("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.keyHash), index("api_keys_isv_idx").on(t.isvId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id"),
    isvId: text("isv_id"),
    actorUserId: text("actor_user_id"),
    action: text("action").notNull(),
    target: text("target").notNull().default(""),
    data: json<Record<string, unknown>>("data").notNull().default(sql`'{}'`),
    ip: text("ip").notNull().default(""),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [
    index("audit_merchant_idx").on(t.merchantId, t.createdAt),
    index("audit_isv_idx").on(t.isvId, t.createdAt),
    index("audit_action_idx").on(t.action, t.createdAt),
  ],
);

/** Fixed-window counters for login throttling, keyed `acct:<email>` or `ip:<address>`. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: utcMillis("window_start").notNull(),
  count: integer("count").notNull(),
});
