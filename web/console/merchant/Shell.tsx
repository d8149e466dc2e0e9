/** /console/m/<merchantId>/…: loads the merchant and the caller's role, shows the section nav
 * and the section, or a clear refusal when the role may not open it. */
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ApiError, http, path } from "../../shared/api";
import { roleLabel } from "../../shared/format";
import { Link, match, NavLink, takeFocusRequest, useCurrentLinkInView } from "../../shared/router";
import type { Merchant, MerchantAccess } from "../../shared/types";
import { LoadError, Loading, PageHead, useAsync } from "../../shared/ui";
import { MenuEditor } from "../menu/MenuEditor";
import { TablesPage } from "../tables/TablesPage";
import { BillPage } from "../payments/BillPage";
import { PaymentSettingsPage } from "../payments/PaymentSettingsPage";
import { PaymentsPage } from "../payments/PaymentsPage";
import { NotFound } from "../pages/NotFound";
import { merchantPath, section, SECTIONS, type Section } from "../roles";
import { MerchantContext } from "./context";
import { AuditLog } from "./AuditLog";
import { Overview } from "./Overview";
import { MerchantSettings } from "./Settings";
import { Staff } from "./Staff";
import { StoreEditor } from "./StoreEditor";
import { Stores } from "./Stores";

interface Loaded {
  merchant: Merchant;
  access: MerchantAccess;
}

export function MerchantShell(props: { merchantId: string; rest: string }) {
  const { merchantId, rest } = props;
  const loaded = useAsync(() => http.get<Loaded>(path`/api/merchants/${merchantId}`), [merchantId]);
  const nav = useCurrentLinkInView<HTMLElement>(!!loaded.data);

  if (!loaded.data) {
    if (loaded.loading) return <Loading />;
    if (loaded.error instanceof ApiError && loaded.error.status === 404)
      return <NotFound what="This restaurant does not exist, or your account has no access to it." />;
    return <LoadError error={loaded.error} retry={loaded.reload} />;
  }

  const { merchant, access } = loaded.data;
  const visible = SECTIONS.filter((s) => s.roles.includes(access.role));
  const context = { merchant, access, setMerchant: (m: Merchant) => loaded.setData({ merchant: m, access }) };

  return (
    <MerchantContext.Provider value={context}>
      <div class="with-nav">
        <nav class="side-nav" aria-label={`${merchant.name} sections`} ref={nav}>
          <p class="nav-title">
            {merchant.name} · {roleLabel(access.role)}
          </p>
          <ul>
            {visible.map((s) => (
              <li key={s.slug}>
                <NavLink href={merchantPath(merchant.id, s.slug)} exact={s.slug === ""}>
                  {s.label}
                </NavLink>
              </li>
            ))}
            {access.role === "waiter" || access.role === "kitchen" ? (
              <li>
                <a href="/staff/">Staff board</a>
              </li>
            ) : null}
          </ul>
        </nav>
        <div>{route(rest, merchant, access)}</div>
      </div>
    </MerchantContext.Provider>
  );
}

function route(rest: string, merchant: Merchant, access: MerchantAccess) {
  const guard = (s: Section, page: () => JSX.Element) => (s.roles.includes(access.role) ? page() : <Refused section={s} role={access.role} merchant={merchant} />);
  let params: Record<string, string> | null;
  if (rest === "") return <Overview />;
  if (rest === "stores") return guard(section("stores"), () => <Stores />);
  if (rest === "stores/new") return guard(section("stores"), () => <StoreEditor />);
  if ((params = match("stores/:storeId", rest))) return guard(section("stores"), () => <StoreEditor key={params!.storeId} storeId={params!.storeId} />);
  if ((params = match("stores/:storeId/payments", rest))) return guard(section("payments"), () => <PaymentSettingsPage key={params!.storeId} storeId={params!.storeId!} />);
  if (rest === "payments") return guard(section("payments"), () => <PaymentsPage />);
  if ((params = match("payments/bills/:billId", rest))) return guard(section("payments"), () => <BillPage key={params!.billId} billId={params!.billId!} />);
  if (rest === "menu")
    return guard(section("menu"), () => (
      <Titled title="Menu" merchant={merchant}>
        <MenuEditor merchantId={merchant.id} />
      </Titled>
    ));
  if (rest === "tables")
    return guard(section("tables"), () => (
      <Titled title="Tables & QR codes" merchant={merchant}>
        <TablesPage merchantId={merchant.id} />
      </Titled>
    ));
  if (rest === "staff") return guard(section("staff"), () => <Staff />);
  if (rest === "settings") return guard(section("settings"), () => <MerchantSettings />);
  if (rest === "audit") return guard(section("audit"), () => <AuditLog />);
  return <NotFound />;
}

/** Title and focus for sections rendered by components that bring their own headings. */
function Titled(props: { title: string; merchant: Merchant; children: ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    document.title = `${props.title} · ${props.merchant.name}`;
    if (!takeFocusRequest()) return;
    const target = ref.current?.querySelector<HTMLElement>("h1, h2") ?? ref.current;
    if (target && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} style={{ outline: "none" }}>
      {props.children}
    </div>
  );
}

/** What a user sees instead of a screen their role may not open (the API refuses it too). */
function Refused(props: { section: Section; role: string; merchant: Merchant }) {
  return (
    <section>
      <PageHead title="Not available for your role" appName={props.merchant.name} />
      <div class="notice notice-warn" role="alert">
        <p>
          <strong>
            Your role ({roleLabel(props.role).toLowerCase()}) cannot open {props.section.what}.
          </strong>{" "}
          Only {props.section.who} of {props.merchant.name} can. Ask them if something here needs to change.
        </p>
      </div>
      <p style={{ marginTop: "1rem" }}>
        <Link href={merchantPath(props.merchant.id)}>Back to the overview</Link>
      </p>
    </section>
  );
}
