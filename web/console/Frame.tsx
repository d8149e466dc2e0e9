/** Header of the signed-in console: brand, restaurant switcher, account and sign-out. */
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { roleLabel } from "../shared/format";
import { Link, match, navigate, useLocation } from "../shared/router";
import { signOut, useSession } from "../shared/session";
import { merchantMemberships, merchantPath } from "./roles";

export function ConsoleFrame(props: { children: ComponentChildren }) {
  const { me, setMe } = useSession();
  const { path } = useLocation();
  const current = match("/console/m/:merchantId/*", path)?.merchantId;
  const merchants = merchantMemberships(me);
  const isPartner = me.memberships.some((m) => m.role === "isv_admin");

  async function onSignOut() {
    try {
      await signOut();
    } finally {
      navigate("/console/login");
      setMe(null);
    }
  }

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <div class="app-header-inner">
          <Link class="brand" href="/console/">
            Tableside <small>Console</small>
          </Link>
          {merchants.length > 1 || (current && merchants.length > 0 && !merchants.some((m) => m.merchantId === current)) ? (
            <MerchantSwitcher current={current} />
          ) : null}
          <span class="header-spacer" />
          <div class="header-actions">
            {isPartner ? (
              <a class="btn btn-small" href="/partner/">
                Partner portal
              </a>
            ) : null}
            <span class="header-user">{me.user.email}</span>
            <Link class="btn btn-small" href="/console/account">
              Account
            </Link>
            <button type="button" class="btn btn-small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main class="app-main" id="main">
        {props.children}
      </main>
    </>
  );
}

function MerchantSwitcher(props: { current?: string }) {
  const { me } = useSession();
  const id = useId();
  const merchants = merchantMemberships(me);
  const known = merchants.some((m) => m.merchantId === props.current);
  return (
    <div class="row">
      <label for={id} class="small muted">
        Restaurant
      </label>
      <select
        id={id}
        style={{ width: "auto", maxWidth: "16rem" }}
        value={props.current && known ? props.current : ""}
        onChange={(e) => {
          const value = e.currentTarget.value;
          navigate(value ? merchantPath(value) : "/console/");
        }}
      >
        {!props.current || !known ? <option value="">{props.current ? "Other restaurant" : "Choose…"}</option> : null}
        {merchants.map((m) => (
          <option key={m.merchantId} value={m.merchantId!}>
            {m.merchantName} ({roleLabel(m.role)})
          </option>
        ))}
      </select>
    </div>
  );
}
