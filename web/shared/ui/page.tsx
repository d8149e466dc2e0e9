/** Page furniture: headings that take focus after navigation, notices, a copyable field, a two-step confirm button. */
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { takeFocusRequest } from "../router";
import { errorMessage } from "./data";

// ---------- page furniture ----------

/** Page heading and title; takes focus after an in-app navigation so screen readers follow. */
export function PageHead(props: { title: string; appName?: string; lead?: ComponentChildren; actions?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · ${props.appName ?? "Tableside"}`;
  }, [props.title, props.appName]);
  useEffect(() => {
    if (takeFocusRequest()) ref.current?.focus();
  }, []);
  return (
    <div class="page-head">
      <h1 ref={ref} tabIndex={-1}>
        {props.title}
      </h1>
      {props.actions ? <div class="page-head-actions">{props.actions}</div> : null}
      {props.lead ? <p class="lead">{props.lead}</p> : null}
    </div>
  );
}

export function Notice(props: { kind?: "error" | "ok" | "warn" | "info"; children: ComponentChildren; role?: "alert" | "status" }) {
  return (
    <div class={`notice notice-${props.kind ?? "info"}`} role={props.role}>
      {props.children}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      {props.label ?? "Loading…"}
    </p>
  );
}

export function LoadError(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>{errorMessage(props.error)}</p>
      {props.retry ? (
        <button type="button" class="btn btn-small" onClick={props.retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A read-only value with a Copy button, for invitation links and API secrets. */
export function CopyField(props: { label: string; value: string; hint?: ComponentChildren; buttonText?: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"" | "ok" | "failed">("");
  const inputRef = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied("ok");
    } catch {
      inputRef.current?.select();
      setCopied("failed");
    }
  }
  return (
    <div class="field" style={{ maxWidth: "44rem" }}>
      <label for={id}>{props.label}</label>
      <div class="input-group with-button">
        <input
          ref={inputRef}
          id={id}
          type="text"
          readOnly
          value={props.value}
          class="mono"
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="btn" onClick={copy}>
          {props.buttonText ?? "Copy"}
        </button>
      </div>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <p class="hint" role="status" aria-live="polite">
        {copied === "ok" ? "Copied to the clipboard." : copied === "failed" ? "Copying is blocked here: the text is selected, press Ctrl+C (⌘C) to copy." : ""}
      </p>
    </div>
  );
}

/** A destructive action that asks once more inline instead of in a browser dialog. */
export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  small?: boolean;
  question?: string;
  /** Accessible name of the first button when its text alone is ambiguous ("Remove ann@…"). */
  name?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const size = props.small === false ? "" : " btn-small";
  if (!asking)
    return (
      <button type="button" class={`btn btn-danger${size}`} aria-label={props.name} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  return (
    <span class="confirm-group" role="group" aria-label={props.name ? `${props.name}?` : props.question ?? props.confirmLabel}>
      {props.question ? <span class="question">{props.question}</span> : null}
      <button
        ref={confirmRef}
        type="button"
        class={`btn btn-danger solid${size}`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await props.onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {busy ? "Working…" : props.confirmLabel}
      </button>
      <button type="button" class={`btn${size}`} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

export function SubmitButton(props: { busy: boolean; children: ComponentChildren; busyText?: string; class?: string }) {
  return (
    <button type="submit" class={props.class ?? "btn btn-primary"} disabled={props.busy} aria-busy={props.busy ? "true" : undefined}>
      {props.busy ? props.busyText ?? "Saving…" : props.children}
    </button>
  );
}

/** A brief "Saved." that screen readers announce and that fades out of the DOM after a while. */
export function useFlash(): [ComponentChildren, (message: string) => void] {
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(""), 6000);
    return () => clearTimeout(timer);
  }, [message]);
  const node = (
    <p role="status" aria-live="polite" class={message ? "notice notice-ok" : "visually-hidden"}>
      {message}
    </p>
  );
  return [node, setMessage];
}

/** A centred single-card screen: sign-in, sign-up, invitation. */
export function AuthScreen(props: {
  title: string;
  appName: string;
  brandHref: string;
  lead?: ComponentChildren;
  wide?: boolean;
  children: ComponentChildren;
  foot?: ComponentChildren;
}) {
  return (
    <main class="auth-wrap" id="main">
      <a class="brand" href={props.brandHref}>
        Tableside <small>{props.appName}</small>
      </a>
      <div class={`auth-card${props.wide ? " wide" : ""}`}>
        <PageHead title={props.title} appName={`Tableside ${props.appName}`} lead={props.lead} />
        {props.children}
      </div>
      {props.foot ? <div class="auth-foot">{props.foot}</div> : null}
    </main>
  );
}
