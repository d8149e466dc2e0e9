/** The merchant's audit log, newest first, with older pages on demand. */
import { useState } from "preact/hooks";
import { http, path } from "../../shared/api";
import { formatLogTime, localTimeZone } from "../../shared/format";
import type { AuditEntry } from "../../shared/types";
import { errorMessage, LoadError, Loading, Notice, PageHead, useAsync } from "../../shared/ui";
import { useMerchant } from "./context";

const PAGE = 50;

const ACTIONS: Record<string, string> = {
  "merchant.signed_up": "Signed up",
  "merchant.provisioned": "Created by the partner",
  "merchant.updated": "Changed merchant settings",
  "merchant.suspended": "Suspended by the platform",
  "merchant.reactivated": "Reactivated by the platform",
  "store.created": "Added a store",
  "store.updated": "Changed a store",
  "staff.invited": "Invited staff",
  "staff.invitation_revoked": "Revoked an invitation",
  "staff.role_changed": "Changed a role",
  "staff.removed": "Removed staff",
  "invitation.accepted": "Accepted an invitation",
  "auth.login_locked": "Sign-in locked after wrong passwords",
  "auth.password_changed": "Changed password",
};

function details(data: AuditEntry["data"]): string {
  if (!data || Object.keys(data).length === 0) return "";
  return Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

export function AuditLog() {
  const { merchant } = useMerchant();
  const first = useAsync(() => http.get<{ entries: AuditEntry[] }>(`${path`/api/merchants/${merchant.id}/audit`}?limit=${PAGE}`), [merchant.id]);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState<"idle" | "loading" | "done">("idle");
  const [moreError, setMoreError] = useState<string | null>(null);

  const entries = [...(first.data?.entries ?? []), ...older];
  const exhausted = more === "done" || (first.data && first.data.entries.length < PAGE);

  async function loadOlder() {
    const last = entries[entries.length - 1];
    if (!last) return;
    setMore("loading");
    setMoreError(null);
    try {
      const page = await http.get<{ entries: AuditEntry[] }>(`${path`/api/merchants/${merchant.id}/audit`}?limit=${PAGE}&before=${last.createdAt}&beforeId=${encodeURIComponent(last.id)}`);
      setOlder((o) => [...o, ...page.entries]);
      setMore(page.entries.length < PAGE ? "done" : "idle");
    } catch (error) {
      setMoreError(errorMessage(error));
      setMore("idle");
    }
  }

  return (
    <section>
      <PageHead
        title="Audit log"
        appName={merchant.name}
        lead={`Who changed what, newest first. Times in ${localTimeZone().replace(/_/g, " ")}.`}
        actions={
          <button type="button" class="btn" onClick={() => {
            setOlder([]);
            setMore("idle");
            first.reload();
          }}>
            Refresh
          </button>
        }
      />
      {!first.data ? (
        first.error ? (
          <LoadError error={first.error} retry={first.reload} />
        ) : (
          <Loading />
        )
      ) : entries.length === 0 ? (
        <div class="empty">
          <p>Nothing recorded yet.</p>
        </div>
      ) : (
        <>
          <div class="table-wrap">
            <table class="data stack-sm">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Who</th>
                  <th scope="col">Details</th>
                  <th scope="col">Address</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td data-label="When" style={{ minWidth: "11rem" }}>
                      {formatLogTime(e.createdAt)}
                    </td>
                    <td data-label="What">
                      {ACTIONS[e.action] ?? e.action}
                      <div class="muted small mono">{e.action}</div>
                    </td>
                    <td data-label="Who" class="wrap">
                      {e.actorEmail ?? "—"}
                    </td>
                    <td data-label="Details" class="long">
                      <span class="small">
                        {e.target ? <span class="mono">{e.target}</span> : null}
                        {e.target && details(e.data) ? " · " : ""}
                        {details(e.data)}
                      </span>
                    </td>
                    <td data-label="Address">
                      <span class="mono small">{e.ip || "—"}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {moreError ? (
            <div style={{ marginTop: "1rem" }}>
              <Notice kind="error" role="alert">
                <p>{moreError}</p>
              </Notice>
            </div>
          ) : null}
          <div class="form-actions" style={{ marginTop: "1rem" }}>
            {exhausted ? (
              <p class="muted">That is the whole log.</p>
            ) : (
              <button type="button" class="btn" onClick={loadOlder} disabled={more === "loading"}>
                {more === "loading" ? "Loading…" : "Show older entries"}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
