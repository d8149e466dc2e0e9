/** Form pieces of the menu editor: translated text side by side, prices in decimal. */
import { useId } from "preact/hooks";
import { languageName } from "../../shared/format";
import type { Text } from "./model";

/**
 * One input per menu language, side by side (stacked on a phone). The first language is the
 * fallback guests see when a translation is missing, so it is the required one.
 */
export function TextsField(props: {
  label: string;
  value: Text;
  languages: string[];
  onValue: (value: Text) => void;
  err: (path: string) => string | undefined;
  path: string;
  multiline?: boolean;
  required?: boolean;
}) {
  const id = useId();
  const { languages, value } = props;
  return (
    <fieldset class="plain texts">
      <legend>{props.label}</legend>
      <div class="texts-grid">
        {languages.map((lang, i) => {
          const error = props.err(`${props.path}.${lang}`);
          const inputId = `${id}-${lang}`;
          const common = {
            id: inputId,
            lang,
            value: value[lang] ?? "",
            "aria-invalid": error ? ("true" as const) : undefined,
            "aria-describedby": error ? `${inputId}-error` : undefined,
            onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => props.onValue({ ...value, [lang]: e.currentTarget.value }),
          };
          return (
            <div class="field" key={lang}>
              <label for={inputId}>
                {languageName(lang)}
                {i === 0 && props.required ? <span class="muted small"> (required)</span> : i === 0 ? null : <span class="muted small"> (translation)</span>}
              </label>
              {props.multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} />}
              {error ? (
                <p class="field-error" id={`${inputId}-error`}>
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A decimal money input ("12.50") with the currency shown beside it. */
export function MoneyField(props: {
  label: string;
  value: string;
  currency: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
  allowNegative?: boolean;
}) {
  const id = useId();
  return (
    <div class="field money">
      <label for={id}>{props.label}</label>
      <div class="input-group">
        <span class="prefix" aria-hidden="true">
          {props.currency}
        </span>
        <input
          id={id}
          type="text"
          inputMode={props.allowNegative ? "text" : "decimal"}
          value={props.value}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={[props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      </div>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A small number input (min/max choices). */
export function NumberField(props: { label: string; value: number; min: number; max: number; onValue: (n: number) => void; error?: string }) {
  const id = useId();
  return (
    <div class="field num">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onInput={(e) => props.onValue(Number(e.currentTarget.value))}
      />
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
