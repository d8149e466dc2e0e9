/** Shapes of the JSON API as the front ends use them (see /api/openapi.json). */
export type Role = "platform_admin" | "isv_admin" | "owner" | "manager" | "waiter" | "kitchen";
export type MerchantRole = "owner" | "manager" | "waiter" | "kitchen";

export interface Membership {
  role: Role;
  merchantId: string | null;
  merchantName: string | null;
  merchantSlug: string | null;
  isvId: string | null;
  isvName: string | null;
  storeId: string | null;
}

export interface Me {
  user: { id: string; email: string; name: string };
  csrfToken: string;
  memberships: Membership[];
}

export interface Branding {
  logoUrl?: string | null;
  coverUrl?: string | null;
  accentColor?: string | null;
}

export interface Merchant {
  id: string;
  name: string;
  slug: string;
  status: "active" | "suspended" | string;
  languages: string[];
  branding: Branding;
  isvId: string | null;
}

export interface MerchantAccess {
  role: MerchantRole;
  via: "membership" | "isv" | "platform";
  storeId: string | null;
}

export interface Store {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  currency: string;
  languages: string[];
  status: "open" | "closed";
  address: string;
  requireAllConfirm: boolean;
  admission: "party" | "open";
  confirmFirstRound: boolean;
}

export interface StaffMember {
  membershipId: string;
  userId: string;
  email: string;
  name: string;
  role: MerchantRole;
  storeId: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: Role;
  storeId: string | null;
  expiresAt: number;
  createdAt: number;
}

export interface AuditEntry {
  id: string;
  action: string;
  actorEmail: string | null;
  target: string;
  data: Record<string, unknown> | null;
  ip: string;
  createdAt: number;
}

export interface InvitationInfo {
  email: string;
  name: string;
  role: Role;
  merchantName: string | null;
  isvName: string | null;
  hasAccount: boolean;
}

export interface IsvMerchant {
  id: string;
  name: string;
  slug: string;
  status: string;
  createdAt: number;
  ownerEmail: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface StoreInput {
  name: string;
  slug?: string;
  timeZone: string;
  currency: string;
  languages: string[];
  address?: string;
}
