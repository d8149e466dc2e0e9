/** Who a user is to a tenant, and the states of the tenant's records (stored in src/db/schema/accounts.ts). */
export type Role = "platform_admin" | "isv_admin" | "owner" | "manager" | "waiter" | "kitchen";
/** The roles a user can hold inside one merchant (ISV and platform admins act there as owners). */
export type MerchantRole = Extract<Role, "owner" | "manager" | "waiter" | "kitchen">;
export type MerchantStatus = "active" | "suspended";
export type StoreStatus = "open" | "closed";
/** Who may join a table's open session: the seated party decides ("party"), or anyone who scans ("open"). */
export type Admission = "party" | "open";

export interface Branding {
  logoUrl?: string;
  coverUrl?: string;
  accentColor?: string;
}
