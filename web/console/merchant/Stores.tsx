/** The merchant's stores: a table with their state, and the way to add one. */
import { http, path } from "../../shared/api";
import { Link, useLocation } from "../../shared/router";
import type { Store } from "../../shared/types";
import { LoadError, Loading, Notice, PageHead, useAsync } from "../../shared/ui";
import { merchantPath } from "../roles";
import { useMerchant } from "./context";
import { StoreStatus } from "./Overview";

export function Stores() {
  const { merchant } = useMerchant();
  const { search } = useLocation();
  const created = search.get("created");
  const stores = useAsync(() => http.get<{ stores: Store[] }>(path`/api/merchants/${merchant.id}/stores`), [merchant.id]);

  return (
    <section>
      <PageHead
        title="Stores"
        appName={merchant.name}
        lead="Each store has its own time zone, currency, languages, tables and opening state."
        actions={
          <Link class="btn btn-primary" href={merchantPath(merchant.id, "stores/new")}>
            Add a store
          </Link>
        }
      />
      {created ? (
        <div class="section">
          <Notice kind="ok" role="status">
            <p>Store “{created}” created.</p>
          </Notice>
        </div>
      ) : null}
      {!stores.data ? (
        stores.error ? <LoadError error={stores.error} retry={stores.reload} /> : <Loading />
      ) : stores.data.stores.length === 0 ? (
        <div class="empty">
          <p>No stores yet.</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="data stack-sm">
            <thead>
              <tr>
                <th scope="col">Store</th>
                <th scope="col">Status</th>
                <th scope="col">Time zone</th>
                <th scope="col">Currency</th>
                <th scope="col">Languages</th>
                <th scope="col">Orders</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stores.data.stores.map((s) => (
                <tr key={s.id}>
                  <td data-label="Store">
                    <strong>{s.name}</strong>
                    <div class="muted small">/m/{merchant.slug}/{s.slug}</div>
                  </td>
                  <td data-label="Status">
                    <StoreStatus status={s.status} />
                  </td>
                  <td data-label="Time zone">{s.timeZone.replace(/_/g, " ")}</td>
                  <td data-label="Currency">{s.currency}</td>
                  <td data-label="Languages">{s.languages.join(", ")}</td>
                  <td data-label="Orders">{s.requireAllConfirm ? "Every diner confirms" : "Any diner sends"}</td>
                  <td class="actions">
                    <Link class="btn btn-small" href={merchantPath(merchant.id, `stores/${s.id}`)} aria-label={`Edit ${s.name}`}>
                      Edit
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
