import type { BatchItem } from "drizzle-orm/batch";
import { forgetMerchant } from "../pages/cache";
import type { TenantCall } from "./actor";
import { tenantAudit, type AuditFields } from "./audit";

export type Statement = BatchItem<"sqlite">;

export interface CommitOptions {
  /** The audit entry recording this change (same batch: both happen or neither). */
  audit?: AuditFields;
  /** Bump the menu version in the same batch: cached guest pages and open tables refresh. */
  bumpMenu?: boolean;
}

/**
 * Every tenant write of a service ends here: the statements, the audit entry and the menu-version
 * bump in one atomic batch, then the merchant's cached pages are forgotten. Answers the menu
 * version after the change (read in the same batch).
 */
export async function commit(call: TenantCall, statements: Statement[], options: CommitOptions = {}): Promise<number> {
  const { scope, actor } = call;
  const results = await scope.batch([
    ...statements,
    ...(options.bumpMenu ? [scope.bumpMenuVersion()] : []),
    ...(options.audit ? [tenantAudit(scope, actor, options.audit)] : []),
    scope.menuVersion(),
  ]);
  await forgetMerchant(scope.merchantId);
  const last = results[results.length - 1] as { v: number }[];
  return last[0]?.v ?? 0;
}
