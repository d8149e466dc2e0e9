/**
 * Shapes of the JSON API as the front ends use them. Each is derived (`z.infer`) from the schema
 * the server declares once in src/api and serves in /api/openapi.json; nothing is copied here.
 * `export type` only, so no server code reaches a browser bundle.
 */
export type {
  ApiKey,
  AuditEntry,
  Branding,
  Invitation,
  InvitationInfo,
  IsvMerchant,
  Me,
  Membership,
  Merchant,
  MerchantAccess,
  StaffMember,
  Store,
} from "../../src/api/accounts";
export type { Table } from "../../src/api/tables";
export type { MerchantRole, Role } from "../../src/domain/accounts";
