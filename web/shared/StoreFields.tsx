/** The fields of a store (name, time zone, currency, languages), shared by sign-up, the
 * partner's create-merchant form and the console's store editor. */
import { currencyOptions, guessCurrency, guessLanguage, localTimeZone, timeZones } from "./format";
import { LanguagesField, SelectField, TextArea, TextField } from "./ui";

export interface StoreValues {
  name: string;
  timeZone: string;
  currency: string;
  languages: string[];
  address: string;
}

export function defaultStore(from?: Partial<StoreValues>): StoreValues {
  return {
    name: from?.name ?? "",
    timeZone: from?.timeZone ?? localTimeZone(),
    currency: from?.currency ?? guessCurrency(),
    languages: from?.languages?.length ? from.languages : [guessLanguage()],
    address: from?.address ?? "",
  };
}

/** The API body for a store. */
export function storeBody(v: StoreValues) {
  return { name: v.name, timeZone: v.timeZone, currency: v.currency, languages: v.languages, ...(v.address.trim() ? { address: v.address } : {}) };
}

export function StoreFields(props: {
  values: StoreValues;
  onChange: (patch: Partial<StoreValues>) => void;
  /** Error of an API path, e.g. err("store.name"). */
  err: (path: string) => string | undefined;
  /** Path prefix of these fields in the API body: "store." or "". */
  prefix: string;
  showAddress?: boolean;
  nameHint?: string;
}) {
  const { values, onChange, err, prefix } = props;
  return (
    <>
      <TextField
        label="Store name"
        required
        autoComplete="off"
        value={values.name}
        onValue={(name) => onChange({ name })}
        error={err(`${prefix}name`)}
        hint={props.nameHint}
      />
      <div class="grid-2">
        <SelectField
          label="Time zone"
          value={values.timeZone}
          onValue={(timeZone) => onChange({ timeZone })}
          options={timeZones().map((tz) => ({ value: tz, label: tz.replace(/_/g, " ") }))}
          error={err(`${prefix}timeZone`)}
          hint="Opening hours, orders and reports use this zone."
        />
        <SelectField
          label="Currency"
          value={values.currency}
          onValue={(currency) => onChange({ currency })}
          options={currencyOptions()}
          error={err(`${prefix}currency`)}
          hint="Prices and payments of this store."
        />
      </div>
      <LanguagesField value={values.languages} onValue={(languages) => onChange({ languages })} error={err(`${prefix}languages`)} />
      {props.showAddress ? (
        <TextArea label="Address" rows={2} value={values.address} onValue={(address) => onChange({ address })} error={err(`${prefix}address`)} hint="Optional. Shown on the restaurant page and receipts." />
      ) : null}
    </>
  );
}
