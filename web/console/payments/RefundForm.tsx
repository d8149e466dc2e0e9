/** The refund action: the whole payment, one dish's amount or a custom amount, with a reason; one id per refund, kept across retries. */
import { useState } from "preact/hooks";
import { http } from "../../shared/api";
import { Form, RadioGroup, SelectField, SubmitButton, TextField, useForm } from "../../shared/ui";
import { useMerchant } from "../merchant/context";
import { money, newRefundRequestId, parsePrice, paymentsApi, walletName, type PaymentRow, type RefundResult, type RefundRow } from "./model";
import type { BillDetail } from "./model";

export interface RefundPreset {
  paymentId: string;
  amount: number;
  reason: string;
}

type Mode = "full" | "dish" | "custom";

interface Values {
  paymentId: string;
  mode: Mode;
  itemId: string;
  custom: string;
  reason: string;
}

export function RefundForm(props: { payments: PaymentRow[]; lines: BillDetail["bill"]["lines"]; preset: RefundPreset; onCancel: () => void; onDone: (refund: RefundRow) => void }) {
  const { merchant } = useMerchant();
  const dish = props.lines.find((l) => props.preset.reason === `${l.quantity} × ${l.name}` && l.due === props.preset.amount);
  const form = useForm<Values>({
    paymentId: props.preset.paymentId,
    mode: dish ? "dish" : "full",
    itemId: dish?.itemId ?? props.lines[0]?.itemId ?? "",
    custom: "",
    reason: props.preset.reason,
  });
  const { values, setValues, err } = form;
  // One id for this refund: a retry after a lost answer asks for the same refund, never a second one.
  const [refundRequestId] = useState(() => newRefundRequestId(merchant.id));
  const payment = props.payments.find((p) => p.id === values.paymentId) ?? props.payments[0];
  if (!payment) return null;
  const c = payment.currency;
  const line = props.lines.find((l) => l.itemId === values.itemId);
  const amount = values.mode === "full" ? payment.refundable : values.mode === "dish" ? (line?.due ?? 0) : parsePrice(values.custom, c);
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function submit() {
    let result: RefundResult | undefined;
    const ok = await form.submit(
      async () => {
        result = await http.post<RefundResult>(paymentsApi.refunds(merchant.id, payment!.id), { amount: amount ?? -1, reason: values.reason.trim(), refundRequestId });
      },
      { fields: ["amount", "reason"], codeFields: { refund_exceeds_paid: "amount", invalid_amount: "amount", refund_mismatch: "amount" } },
    );
    if (ok && result) props.onDone(result.refund);
  }

  return (
    <div class="refund-form">
      <h3 id="refund-title">Refund</h3>
      <Form form={form} onSubmit={submit} aria-labelledby="refund-title">
        {props.payments.length > 1 ? (
          <SelectField
            label="Payment"
            value={payment.id}
            onValue={set("paymentId")}
            options={props.payments.map((p) => ({ value: p.id, label: `${walletName(p.wallet)} · ${money(p.charged, p.currency)} (up to ${money(p.refundable, p.currency)} refundable)` }))}
          />
        ) : (
          <p>
            {walletName(payment.wallet)} payment of {money(payment.charged, c)}: up to <strong>{money(payment.refundable, c)}</strong> can be refunded.
          </p>
        )}
        <RadioGroup
          label="How much"
          value={values.mode}
          onValue={(m) => setValues((v) => ({ ...v, mode: m as Mode, reason: m === "dish" && line && !v.reason ? `${line.quantity} × ${line.name}` : v.reason }))}
          options={[
            { value: "full", label: `Everything left (${money(payment.refundable, c)})` },
            { value: "dish", label: "One dish" },
            { value: "custom", label: "Another amount" },
          ]}
        />
        {values.mode === "dish" ? (
          <SelectField
            label="Dish"
            value={values.itemId}
            onValue={(itemId) => {
              const l = props.lines.find((x) => x.itemId === itemId);
              setValues((v) => ({ ...v, itemId, reason: l ? `${l.quantity} × ${l.name}` : v.reason }));
            }}
            options={props.lines.map((l) => ({ value: l.itemId, label: `${l.quantity} × ${l.name} — ${money(l.due, c)}` }))}
            hint="The dish's price with its share of service and tax."
          />
        ) : null}
        {values.mode === "custom" ? (
          <TextField label={`Amount (${c})`} inputMode="decimal" value={values.custom} onValue={set("custom")} error={err("amount") ?? (values.custom && amount === null ? "Enter an amount such as 12.50." : undefined)} />
        ) : err("amount") ? (
          <p class="field-error">{err("amount")}</p>
        ) : null}
        <TextField label="Reason (shown on the receipt)" value={values.reason} onValue={set("reason")} maxLength={256} error={err("reason")} />
        <div class="form-actions">
          <SubmitButton busy={form.busy}>{amount && amount > 0 ? `Refund ${money(amount, c)}` : "Refund"}</SubmitButton>
          <button type="button" class="btn" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </Form>
    </div>
  );
}
