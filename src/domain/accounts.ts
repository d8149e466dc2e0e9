import type { ImageRef } from "./images/types";

/** Who a user is to a tenant, and the states of the tenant's records (stored in src/db/schema/accounts.ts). */
export const ROLES = ["platform_admin", "isv_admin", "owner", "manager", "waiter", "kitchen"] as const;
export type Role = (typeof ROLES)[number];
/** The roles a user can hold inside one merchant (ISV and platform admins act there as owners). */
export const MERCHANT_ROLES = ["owner", "manager", "waiter", "kitchen"] as const satisfies readonly Role[];
export type MerchantRole = (typeof MERCHANT_ROLES)[number];
export type MerchantStatus = "active" | "suspended";
export type StoreStatus = "open" | "closed";
/** Who may join a table's open session: the seated party decides ("party"), or anyone who scans ("open"). */
export type Admission = "party" | "open";

export interface Branding {
  /** Addresses given before uploads existed; an uploaded `logo` / `cover` wins. */
  logoUrl?: string;
  coverUrl?: string;
  accentColor?: string;
  logo?: ImageRef;
  cover?: ImageRef;
}
