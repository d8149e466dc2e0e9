/** Forms and labelled fields that show their API errors next to the field. */
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { ApiError, humanize } from "../api";
import { COMMON_LANGUAGES, languageName } from "../format";
import { errorMessage } from "./data";

// ---------- forms ----------

export interface FormState<T> {
  values: T;
  set: <K extends keyof T>(key: K) => (value: T[K]) => void;
  setValues: (update: (values: T) => T) => void;
  /** The error of a field path, or of anything below it ("store.languages.0"). */
  err: (path: string) => string | undefined;
  errors: Record<string, string>;
  formError: ComponentChildren;
  busy: boolean;
  submit: (run: () => Promise<void>, opts?: SubmitOptions) => Promise<boolean>;
  reset: (values: T) => void;
}

export interface SubmitOptions {
  /** Error codes that belong to one field, e.g. { slug_taken: "slug" }. */
  codeFields?: Record<string, string>;
  /** Field paths the form shows; issues on other paths are listed at the top. */
  fields?: string[];
}

export function useForm<T extends object>(initial: T): FormState<T> {
  const [values, setValuesState] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<ComponentChildren>(null);
  const [busy, setBusy] = useState(false);

  const err = (path: string) => {
    if (errors[path]) return errors[path];
    const key = Object.keys(errors).find((k) => k.startsWith(path + "."));
    return key ? errors[key] : undefined;
  };

  async function submit(run: () => Promise<void>, opts: SubmitOptions = {}): Promise<boolean> {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFormError(errorMessage(error));
        return false;
      }
      const fields = error.fieldErrors();
      const field = opts.codeFields?.[error.code];
      // A coded error without issues belongs to one field; drop a "field: " prefix from its text.
      if (field && Object.keys(fields).length === 0) fields[field] = humanize(error.message.replace(new RegExp(`^${field}: `), ""));
      const known = opts.fields;
      const stray = known
        ? Object.entries(fields).filter(([p]) => !known.some((k) => p === k || p.startsWith(k + ".")))
        : [];
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(error.message);
      else
        setFormError(
          <>
            <p>Some fields need attention: see the messages below.</p>
            {stray.length > 0 && (
              <ul>
                {stray.map(([p, m]) => (
                  <li key={p}>
                    {p || "Request"}: {m}
                  </li>
                ))}
              </ul>
            )}
          </>,
        );
      return false;
    } finally {
      setBusy(false);
    }
  }

  return {
    values,
    set: (key) => (value) => setValuesState((v) => ({ ...v, [key]: value })),
    setValues: (update) => setValuesState(update),
    err,
    errors,
    formError,
    busy,
    submit,
    reset: (v) => {
      setValuesState(v);
      setErrors({});
      setFormError(null);
    },
  };
}

/** A <form> without browser validation bubbles (the API's messages show next to fields) that
 * moves focus to the first invalid field, or the error summary, after a failed submit. */
export function Form(props: {
  form: { formError: ComponentChildren; errors: Record<string, string> };
  onSubmit: () => void;
  children: ComponentChildren;
  class?: string;
  "aria-label"?: string;
  "aria-labelledby"?: string;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const { formError, errors } = props.form;
  useEffect(() => {
    if (!formError || !ref.current) return;
    const target = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>(".form-alert");
    target?.focus();
  }, [formError, errors]);
  return (
    <form
      ref={ref}
      noValidate
      class={props.class ?? "form"}
      aria-label={props["aria-label"]}
      aria-labelledby={props["aria-labelledby"]}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {formError ? (
        <div class="notice notice-error form-alert" role="alert" tabIndex={-1}>
          {formError}
        </div>
      ) : null}
      {props.children}
    </form>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: ComponentChildren;
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

function FieldMessages(props: { id: string; hint?: ComponentChildren; error?: string }) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

type InputRest = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label" | "value" | "onInput" | "prefix" | "id">;

export function TextField(props: FieldProps & InputRest & { value: string; onValue: (value: string) => void; prefix?: string }) {
  const id = useId();
  const { label, error, hint, value, onValue, prefix, ...rest } = props;
  const input = (
    <input
      type="text"
      {...rest}
      id={id}
      value={value}
      aria-invalid={error ? "true" : undefined}
      aria-describedby={describedBy(id, hint, error)}
      onInput={(e) => onValue(e.currentTarget.value)}
    />
  );
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {prefix ? (
        <div class="input-group">
          <span class="prefix" aria-hidden="true">
            {prefix}
          </span>
          {input}
        </div>
      ) : (
        input
      )}
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextArea(props: FieldProps & { value: string; onValue: (value: string) => void; rows?: number; required?: boolean }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 3}
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
      <FieldMessages id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: FieldProps & { value: string; onValue: (value: string) => void; options: Option[]; required?: boolean; name?: string }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function CheckboxField(props: FieldProps & { checked: boolean; onValue: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div class="field">
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={describedBy(id, props.hint, props.error)}
          onChange={(e) => props.onValue(e.currentTarget.checked)}
        />
        <span>{props.label}</span>
      </label>
      <FieldMessages id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function RadioGroup(props: FieldProps & { value: string; onValue: (value: string) => void; options: (Option & { hint?: string })[] }) {
  const id = useId();
  return (
    <fieldset class="plain" aria-describedby={describedBy(id, props.hint, props.error)}>
      <legend>{props.label}</legend>
      <div class="row" style={{ gap: "0 1.5rem" }}>
        {props.options.map((o) => (
          <label class="check" key={o.value}>
            <input type="radio" name={id} value={o.value} checked={props.value === o.value} onChange={() => props.onValue(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldMessages id={id} hint={props.hint} error={props.error} />
    </fieldset>
  );
}

/**
 * Menu languages: a main language (the fallback, first in the list) and any others. The value
 * is the ordered list the API takes.
 */
export function LanguagesField(props: { value: string[]; onValue: (value: string[]) => void; error?: string; hint?: ComponentChildren }) {
  const id = useId();
  const main = props.value[0] ?? "en";
  const [open, setOpen] = useState(props.value.length > 1);
  const others = props.value.slice(1);
  const all = [...new Set([...COMMON_LANGUAGES, ...props.value])];
  const option = (tag: string) => ({ value: tag, label: `${languageName(tag)} (${tag})` });
  const setMain = (tag: string) => props.onValue([tag, ...others.filter((t) => t !== tag)]);
  const toggle = (tag: string, on: boolean) =>
    props.onValue(on ? [main, ...others, tag] : [main, ...others.filter((t) => t !== tag)]);
  return (
    <div class="stack">
      <SelectField
        label="Main language"
        value={main}
        onValue={setMain}
        options={all.map(option)}
        hint={props.hint ?? "Dishes are written in this language first; guests fall back to it."}
      />
      <details class="more-languages" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Other languages: {others.length ? others.map(languageName).join(", ") : "none"}
        </summary>
        <fieldset class="plain" aria-describedby={props.error ? `${id}-error` : undefined}>
          <legend class="visually-hidden">Other languages</legend>
          <div class="check-grid">
            {all
              .filter((tag) => tag !== main)
              .map((tag) => (
                <label class="check" key={tag}>
                  <input type="checkbox" checked={others.includes(tag)} onChange={(e) => toggle(tag, e.currentTarget.checked)} />
                  <span>{option(tag).label}</span>
                </label>
              ))}
          </div>
        </fieldset>
      </details>
      <FieldMessages id={id} error={props.error} />
    </div>
  );
}
