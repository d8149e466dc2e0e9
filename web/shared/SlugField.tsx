/** The merchant's public link (/m/<slug>), checked live against /api/auth/slug-check. */
import type { ComponentChildren } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import { http } from "./api";
import { slugify } from "./format";

interface SlugCheck {
  slug: string;
  valid: boolean;
  available: boolean;
  suggestion: string;
}

export function SlugField(props: {
  value: string;
  /** `byUser` is false when the field adopts a suggestion by itself. */
  onValue: (value: string, byUser: boolean) => void;
  error?: string;
  /** While the link is still derived from the business name, a taken one is replaced by the suggestion. */
  autoAdopt?: boolean;
  /** The merchant's current slug (settings): not checked, it is theirs. */
  current?: string;
  label?: string;
}) {
  const id = useId();
  const [check, setCheck] = useState<{ slug: string; result?: SlugCheck; failed?: boolean } | null>(null);
  const [adoptedFrom, setAdoptedFrom] = useState("");
  const value = props.value.trim();

  useEffect(() => {
    if (!value || value === props.current) {
      setCheck(null);
      return;
    }
    setCheck({ slug: value });
    const timer = setTimeout(async () => {
      try {
        const result = await http.get<SlugCheck>(`/api/auth/slug-check?slug=${encodeURIComponent(value)}`);
        setCheck((c) => (c?.slug === value ? { slug: value, result } : c));
      } catch {
        setCheck((c) => (c?.slug === value ? { slug: value, failed: true } : c));
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [value, props.current]);

  const result = check?.result;
  useEffect(() => {
    if (props.autoAdopt && result && !result.available && result.suggestion && result.suggestion !== value && result.slug === value) {
      setAdoptedFrom(value);
      props.onValue(result.suggestion, false);
    }
  }, [result, props.autoAdopt]);

  let status: ComponentChildren = "Guests open your restaurant at this address. Lower-case letters, digits and hyphens.";
  let tone = "hint";
  if (value && value === props.current) status = "This is your current public link.";
  else if (check && !check.result && !check.failed) status = `Checking /m/${value}…`;
  else if (check?.failed) status = "Could not check the link right now; it is checked again when you save.";
  else if (result && result.slug === value && result.available) {
    const full = `${location.origin}/m/${value}`;
    status = adoptedFrom ? `/m/${adoptedFrom} is taken, so we suggest ${full}. You can change it.` : `${full} is available.`;
  } else if (result && result.valid && result.slug !== value && result.available) {
    status = `It will be saved as /m/${result.slug}.`;
  } else if (result && !result.available) {
    tone = "field-error";
    status = (
      <>
        {result.valid ? `/m/${value} is already taken.` : `/m/${value} cannot be used.`}{" "}
        {result.suggestion ? (
          <button
            type="button"
            class="btn btn-link"
            onClick={() => {
              setAdoptedFrom("");
              props.onValue(result.suggestion, true);
            }}
          >
            Use {result.suggestion}
          </button>
        ) : null}
      </>
    );
  }

  return (
    <div class="field">
      <label for={id}>{props.label ?? "Public link"}</label>
      <div class="input-group">
        <span class="prefix" aria-hidden="true">
          /m/
        </span>
        <input
          id={id}
          type="text"
          inputMode="url"
          autoCapitalize="none"
          autoCorrect="off"
          spellcheck={false}
          value={props.value}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={`${id}-status${props.error ? ` ${id}-error` : ""}`}
          onInput={(e) => {
            setAdoptedFrom("");
            props.onValue(e.currentTarget.value.toLowerCase().replace(/\s+/g, "-"), true);
          }}
          onBlur={() => {
            const clean = slugify(props.value);
            if (clean && clean !== props.value) props.onValue(clean, true);
          }}
        />
      </div>
      <p class={tone === "hint" ? "hint" : "field-error"} id={`${id}-status`} aria-live="polite">
        {status}
      </p>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
