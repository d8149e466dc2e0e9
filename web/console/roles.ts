/** Which role may open which part of the console (the API checks the same on every route). */
import type { Me, MerchantRole } from "../shared/types";

export const STAFF: MerchantRole[] = ["owner", "manager", "waiter", "kitchen"];
export const MANAGERS: MerchantRole[] = ["owner", "manager"];
export const OWNERS: MerchantRole[] = ["owner"];

export interface Section {
  /** Path below /console/m/<merchantId>/ ("" is the overview). */
  slug: string;
  label: string;
  roles: MerchantRole[];
  /** Used in "Your role (waiter) cannot open <what>". */
  what: string;
  who: string;
}

export const SECTIONS: Section[] = [
  { slug: "", label: "Overview", roles: STAFF, what: "the overview", who: "all staff" },
  { slug: "stores", label: "Stores", roles: MANAGERS, what: "store settings", who: "owners and managers" },
  { slug: "menu", label: "Menu", roles: MANAGERS, what: "the menu editor", who: "owners and managers" },
  { slug: "tables", label: "Tables & QR codes", roles: MANAGERS, what: "tables and QR codes", who: "owners and managers" },
  { slug: "payments", label: "Payments", roles: MANAGERS, what: "payments and refunds", who: "owners and managers" },
  { slug: "staff", label: "Staff", roles: MANAGERS, what: "staff management", who: "owners and managers" },
  { slug: "settings", label: "Settings", roles: OWNERS, what: "the merchant settings", who: "the owner" },
  { slug: "audit", label: "Audit log", roles: MANAGERS, what: "the audit log", who: "owners and managers" },
];

export const section = (slug: string) => SECTIONS.find((s) => s.slug === slug)!;

export const merchantPath = (merchantId: string, sub = "") => `/console/m/${encodeURIComponent(merchantId)}${sub ? `/${sub}` : ""}`;

/** Merchants the user belongs to (one entry per merchant). */
export function merchantMemberships(me: Me) {
  const seen = new Set<string>();
  return me.memberships.filter((m) => m.merchantId && !seen.has(m.merchantId) && seen.add(m.merchantId));
}

/** Where a user goes after signing in or accepting an invitation. */
export function landingPath(me: Me): string {
  const merchants = merchantMemberships(me);
  const other = me.memberships.some((m) => m.role === "isv_admin" || m.role === "platform_admin");
  if (merchants.length === 1 && !other) return merchantPath(merchants[0]!.merchantId!);
  if (merchants.length === 0 && me.memberships.some((m) => m.role === "isv_admin")) return "/partner/";
  return "/console/";
}
