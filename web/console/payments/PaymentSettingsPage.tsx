/** A store's payment settings: accepted wallets, tax, service charge, tips and when guests pay. */
import { useId } from "preact/hooks";
import { WALLETS, WALLET_TYPES, type WalletType } from "../../../src/domain/payments/wallets";
import { MAX_TIP_PRESETS } from "../../../src/domain/payments/settings";
import { ApiError, http, path } from "../../shared/api";
import { Link } from "../../shared/router";
import type { Store } from "../../shared/types";
import { CheckboxField, Form, LoadError, Loading, PageHead, RadioGroup, SubmitButton, TextField, useAsync, useFlash, useForm } from "../../shared/ui";
import { merchantPath } from "../roles";
import { useMerchant } from "../merchant/context";
import { bpToPercent, paymentsApi, percentToBp, type PaymentSettingsBody, type PaymentSettingsResponse } from "./model";
import "./payments.css";

interface Values {
  wallets: WalletType[];
  taxKind: "inclusive" | "added";
  taxRate: string;
  service: string;
  presets: string[];
  customTip: boolean;
  maxTip: string;
  timing: "after_meal" | "after_each_round";
}

const toValues = (s: PaymentSettingsBody): Values => ({
  wallets: s.wallets,
  taxKind: s.tax.kind,
  taxRate: bpToPercent(s.tax.rateBp),
  service: bpToPercent(s.serviceBp),
  presets: Array.from({ length: MAX_TIP_PRESETS }, (_, i) => (s.tipPresetsBp[i] !== undefined ? bpToPercent(s.tipPresetsBp[i]!) : "")),
  customTip: s.customTip,
  maxTip: bpToPercent(s.maxTipBp),
  timing: s.timing,
});

export function PaymentSettingsPage(props: { storeId: string }) {
  const { merchant } = useMerchant();
  const loaded = useAsync(
    () => Promise.all([http.get<PaymentSettingsResponse>(paymentsApi.settings(merchant.id, props.storeId)), http.get<{ store: Store }>(path`/api/merchants/${merchant.id}/stores/${props.storeId}`)]),
    [merchant.id, props.storeId],
  );
  const title = loaded.data ? `Payments: ${loaded.data[1].store.name}` : "Payment settings";
  if (!loaded.data)
    return (
      <section>
        <PageHead title={title} appName={merchant.name} />
        {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} /> : <Loading />}
      </section>
    );
  const [settings, { store }] = loaded.data;
  return <SettingsForm key={store.id} title={title} store={store} loaded={settings} onSaved={(s) => loaded.setData([s, { store }])} />;
}

function SettingsForm(props: { title: string; store: Store; loaded: PaymentSettingsResponse; onSaved: (s: PaymentSettingsResponse) => void }) {
  const { merchant } = useMerchant();
  const form = useForm<Values>(toValues(props.loaded.settings));
  const { values, setValues, err } = form;
  const [flash, showFlash] = useFlash();
  const walletsId = useId();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  /** The fields that differ from what was loaded, in the API's units; a field that does not parse stops the save. */
  function changes(): { patch: Partial<PaymentSettingsBody>; bad: Record<string, string> } {
    const before = props.loaded.settings;
    const bad: Record<string, string> = {};
    const pct = (field: string, text: string) => {
      const bp = percentToBp(text);
      if (bp === null) bad[field] = "Enter a percentage such as 8 or 12.5.";
      return bp ?? 0;
    };
    const tax = { kind: values.taxKind, rateBp: pct("tax.rateBp", values.taxRate) };
    const serviceBp = pct("serviceBp", values.service);
    const presets = values.presets.filter((p) => p.trim()).map((p, i) => pct(`tipPresetsBp.${i}`, p));
    const maxTipBp = pct("maxTipBp", values.maxTip);
    const next: PaymentSettingsBody = { tax, serviceBp, tipPresetsBp: presets, customTip: values.customTip, maxTipBp, wallets: values.wallets, timing: values.timing };
    const patch = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof PaymentSettingsBody]))) as Partial<PaymentSettingsBody>;
    return { patch, bad };
  }

  async function save() {
    const { patch, bad } = changes();
    if (Object.keys(bad).length) {
      // Shown like the API's own field errors, without a request.
      await form.submit(async () => {
        throw new ApiError(400, "invalid_request", "Some fields need attention.", { issues: Object.entries(bad).map(([p, message]) => ({ path: p, message })) });
      });
      return;
    }
    if (Object.keys(patch).length === 0) return showFlash("Nothing changed.");
    let saved: PaymentSettingsResponse | undefined;
    const ok = await form.submit(async () => {
      saved = await http.patch<PaymentSettingsResponse>(paymentsApi.settings(merchant.id, props.store.id), patch);
    }, { fields: ["tax", "serviceBp", "tipPresetsBp", "customTip", "maxTipBp", "wallets", "timing"] });
    if (!ok || !saved) return;
    props.onSaved(saved);
    form.reset(toValues(saved.settings));
    showFlash("Saved. Open tables use the new settings for their next payment.");
  }

  const currency = props.loaded.currency;
  return (
    <section class="payments-page">
      <PageHead
        title={props.title}
        appName={merchant.name}
        lead={props.loaded.isDefault ? "This store uses the default settings until you save your own." : `Prices and payments in ${currency}.`}
        actions={
          <>
            <Link class="btn" href={merchantPath(merchant.id, `stores/${props.store.id}`)}>
              Store details
            </Link>
            <Link class="btn" href={`${merchantPath(merchant.id, "payments")}?store=${encodeURIComponent(props.store.id)}`}>
              Payments
            </Link>
          </>
        }
      />
      <div class="card">
        <Form form={form} onSubmit={save} aria-label="Payment settings">
          <fieldset class="plain" aria-describedby={`${walletsId}-hint`}>
            <legend>Accepted wallets</legend>
            <div class="check-grid">
              {WALLET_TYPES.map((w) => (
                <label class="check" key={w}>
                  <input
                    type="checkbox"
                    checked={values.wallets.includes(w)}
                    onChange={(e) => set("wallets", e.currentTarget.checked ? [...values.wallets, w] : values.wallets.filter((x) => x !== w))}
                  />
                  <span>
                    {WALLETS[w].name}
                    {WALLETS[w].region ? <span class="muted small"> · {WALLETS[w].region}</span> : null}
                  </span>
                </label>
              ))}
            </div>
            <p class="hint" id={`${walletsId}-hint`}>
              Guests choose one of these on the pay sheet. Alipay+ lets them pick any Alipay+ wallet on the provider's page.
            </p>
            {err("wallets") ? <p class="field-error">{err("wallets")}</p> : null}
          </fieldset>

          <RadioGroup
            label="Tax"
            value={values.taxKind}
            onValue={(v) => set("taxKind", v as Values["taxKind"])}
            options={[
              { value: "inclusive", label: "Menu prices include tax" },
              { value: "added", label: "Tax is added to menu prices" },
            ]}
            error={err("tax.kind")}
          />
          <div class="grid-2">
            <TextField label="Tax rate (%)" inputMode="decimal" value={values.taxRate} onValue={(v) => set("taxRate", v)} error={err("tax.rateBp") ?? err("tax")} hint="0 when you show no tax." />
            <TextField label="Service charge (%)" inputMode="decimal" value={values.service} onValue={(v) => set("service", v)} error={err("serviceBp")} hint="Added to the bill on listed prices; 0 for none." />
          </div>

          <fieldset class="plain">
            <legend>Tip presets (% of what a guest pays)</legend>
            <div class="tip-presets">
              {values.presets.map((p, i) => (
                <TextField
                  key={i}
                  label={`Preset ${i + 1}`}
                  inputMode="decimal"
                  value={p}
                  onValue={(v) => set("presets", values.presets.map((x, j) => (j === i ? v : x)))}
                  error={err(`tipPresetsBp.${i}`)}
                />
              ))}
            </div>
            <p class="hint">Up to {MAX_TIP_PRESETS}; leave a box empty for fewer. Guests can always choose no tip.</p>
            {err("tipPresetsBp") && !values.presets.some((_, i) => err(`tipPresetsBp.${i}`)) ? <p class="field-error">{err("tipPresetsBp")}</p> : null}
          </fieldset>
          <CheckboxField label="Guests may enter their own tip" checked={values.customTip} onValue={(v) => set("customTip", v)} error={err("customTip")} />
          {values.customTip ? (
            <TextField label="Largest custom tip (%)" inputMode="decimal" value={values.maxTip} onValue={(v) => set("maxTip", v)} error={err("maxTipBp")} hint="Of what the guest pays; protects against a mistyped tip." />
          ) : null}

          <RadioGroup
            label="When guests pay"
            value={values.timing}
            onValue={(v) => set("timing", v as Values["timing"])}
            options={[
              { value: "after_meal", label: "After the meal" },
              { value: "after_each_round", label: "After each round" },
            ]}
            hint="After each round: every order sent to the kitchen is its own bill (counters, food courts)."
            error={err("timing")}
          />
          <div class="form-actions">
            <SubmitButton busy={form.busy}>Save payment settings</SubmitButton>
          </div>
          {flash}
        </Form>
      </div>
    </section>
  );
}
