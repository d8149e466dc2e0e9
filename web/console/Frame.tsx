/** Header of the signed-in console: brand, restaurant switcher, account and sign-out. */
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { roleLabel } from "../shared/format";
import { Link, match, navigate, useLocation } from "../shared/router";
import { useSession } from "../shared/session";
import { AppFrame } from "../shared/AppFrame";
import { merchantMemberships, merchantPath } from "./roles";

export function ConsoleFrame(props: { children: ComponentChildren }) {
  const { me } = useSession();
  const { path } = useLocation();
  const current = match("/console/m/:merchantId/*", path)?.merchantId;
  const merchants = merchantMemberships(me);
  const isPartner = me.memberships.some((m) => m.role === "isv_admin");
  const showSwitcher = merchants.length > 1 || (current && merchants.length > 0 && !merchants.some((m) => m.merchantId === current));

  return (
    <AppFrame
      home="/console/"
      product="Console"
      loginPath="/console/login"
      start={showSwitcher ? <MerchantSwitcher current={current} /> : null}
      actions={
        isPartner ? (
          <a class="btn btn-small" href="/partner/">
            Partner portal
          </a>
        ) : null
      }
      userActions={
        <Link class="btn btn-small" href="/console/account">
          Account
        </Link>
      }
    >
      {props.children}
    </AppFrame>
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
