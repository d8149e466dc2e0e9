/**
 * A tiny History API router for the single-page apps. Each app sets its base path
 * (`/console/`); links inside the base navigate without a reload, links elsewhere (another app,
 * a guest page) load normally.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

let base = "/";
const listeners = new Set<() => void>();
let focusPending = false;

export function setBase(path: string) {
  base = path;
}

function notify() {
  for (const listener of listeners) listener();
}

if (typeof window !== "undefined") {
  window.addEventListener("popstate", () => {
    focusPending = true;
    notify();
  });
}

function isInApp(url: URL) {
  return url.origin === location.origin && (url.pathname + "/").startsWith(base);
}

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  const url = new URL(to, location.href);
  if (!isInApp(url)) {
    location.assign(url.href);
    return;
  }
  if (opts.replace) {
    history.replaceState(null, "", url.href);
  } else {
    history.pushState(null, "", url.href);
    window.scrollTo(0, 0);
    focusPending = true;
  }
  notify();
}

/** True once after a user navigation: the new page should move focus to its heading. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

export interface Location {
  path: string;
  search: URLSearchParams;
}

function current(): Location {
  const path = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, "") : location.pathname;
  return { path, search: new URLSearchParams(location.search) };
}

/** The current location; re-renders the caller on every navigation. */
export function useLocation(): Location {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return current();
}

/**
 * Matches "/console/m/:merchantId/stores/:storeId" against a path; a trailing "/*" matches the
 * rest (as `rest`). Returns the decoded params or null.
 */
export function match(pattern: string, path: string): Record<string, string> | null {
  const wildcard = pattern.endsWith("/*");
  const parts = (wildcard ? pattern.slice(0, -2) : pattern).split("/").filter(Boolean);
  const segments = path.split("/").filter(Boolean);
  if (wildcard ? segments.length < parts.length : segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(segment);
    else if (part !== segment) return null;
  }
  if (wildcard) params.rest = segments.slice(parts.length).join("/");
  return params;
}

type AnchorProps = JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An <a> that navigates inside the app without reloading. */
export function Link(props: AnchorProps) {
  const { onClick, ...rest } = props;
  return (
    <a
      {...rest}
      onClick={(event) => {
        if (typeof onClick === "function") onClick(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        if (rest.target || rest.download !== undefined) return;
        const url = new URL(rest.href, location.href);
        if (!isInApp(url)) return;
        event.preventDefault();
        navigate(url.pathname + url.search + url.hash);
      }}
    />
  );
}

/** A nav link marked aria-current="page" when its path is current (or a parent of it). */
export function NavLink(props: AnchorProps & { exact?: boolean }) {
  const { exact, ...rest } = props;
  const { path } = useLocation();
  const target = rest.href.replace(/\/+$/, "");
  const active = exact ? path === target : path === target || path.startsWith(target + "/");
  return <Link {...rest} aria-current={active ? "page" : undefined} />;
}

/**
 * For a nav whose list scrolls sideways (the phone layout): keeps the current link in view, so
 * "Tables & QR codes" is not cut off at the edge when it is the page you are on.
 */
export function useCurrentLinkInView<T extends HTMLElement>(shown = true) {
  const ref = useRef<T>(null);
  const { path } = useLocation();
  useEffect(() => {
    const list = ref.current?.querySelector("ul");
    const link = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !link || list.scrollWidth <= list.clientWidth) return;
    const box = list.getBoundingClientRect();
    const at = link.getBoundingClientRect();
    if (at.left < box.left || at.right > box.right) list.scrollLeft += at.left - box.left - (box.width - at.width) / 2;
  }, [path, shown]);
  return ref;
}

export function Redirect(props: { to: string }) {
  useEffect(() => navigate(props.to, { replace: true }), [props.to]);
  return null;
}
