/** One merchant of the ISV: its stores and owner, with the way into the console. */
import { ApiError, http, path } from "../../shared/api";
import { formatDate, publicLink } from "../../shared/format";
import { Link } from "../../shared/router";
import type { Merchant, Store } from "../../shared/types";
import { LoadError, Loading, PageHead, useAsync } from "../../shared/ui";
import { MerchantStatus } from "./Merchants";

interface Detail {
  merchant: Merchant;
  stores: Store[];
  ownerEmail: string | null;
}

export function MerchantDetail(props: { merchantId: string }) {
  const detail = useAsync(() => http.get<Detail>(path`/api/isv/merchants/${props.merchantId}`), [props.merchantId]);
  if (!detail.data) {
    if (detail.loading) return <Loading />;
    if (detail.error instanceof ApiError && detail.error.status === 404)
      return (
        <section>
          <PageHead title="Merchant not found" appName="Tableside Partner" />
          <p>
            None of your merchants has this address. <Link href="/partner/">Back to your merchants</Link>
          </p>
        </section>
      );
    return <LoadError error={detail.error} retry={detail.reload} />;
  }
  const { merchant, stores, ownerEmail } = detail.data;
  return (
    <section>
      <PageHead
        title={merchant.name}
        appName="Tableside Partner"
        actions={
          <a class="btn btn-primary" href={`/console/m/${encodeURIComponent(merchant.id)}`}>
            Open in the console
          </a>
        }
      />
      <div class="card section">
        <dl class="kv">
          <dt>Status</dt>
          <dd>
            <MerchantStatus status={merchant.status} />
          </dd>
          <dt>Public link</dt>
          <dd>
            <a href={`/m/${merchant.slug}`}>{publicLink(merchant.slug)}</a>
          </dd>
          <dt>Owner</dt>
          <dd>{ownerEmail ?? "Invitation not accepted yet"}</dd>
          <dt>Created</dt>
          <dd>{formatDate(merchant.createdAt)}</dd>
          <dt>Languages</dt>
          <dd>{merchant.languages.join(", ")}</dd>
        </dl>
      </div>
      <h2>Stores ({stores.length})</h2>
      <div class="table-wrap">
        <table class="data stack-sm">
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Status</th>
              <th scope="col">Time zone</th>
              <th scope="col">Currency</th>
            </tr>
          </thead>
          <tbody>
            {stores.map((s) => (
              <tr key={s.id}>
                <td data-label="Store">{s.name}</td>
                <td data-label="Status">{s.status === "open" ? <span class="badge badge-ok">Open</span> : <span class="badge badge-off">Closed</span>}</td>
                <td data-label="Time zone">{s.timeZone.replace(/_/g, " ")}</td>
                <td data-label="Currency">{s.currency}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p style={{ marginTop: "1.5rem" }}>
        <Link href="/partner/">Back to your merchants</Link>
      </p>
    </section>
  );
}
