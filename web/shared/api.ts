/** Browser client for the JSON API: sends the CSRF token on writes, turns errors into ApiError. */
export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { issues?: ApiIssue[] },
  ) {
    super(message);
  }
  /** Field path -> message, for showing validation errors next to their fields. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.details?.issues ?? []) out[issue.path] ??= humanize(issue.message);
    return out;
  }
}

/** Turns zod's default wording into plain sentences; our own messages pass through. */
export function humanize(message: string): string {
  let m: RegExpMatchArray | null;
  if ((m = message.match(/^Too small: expected string to have >=?(\d+) characters?/))) {
    return m[1] === "1" ? "This field is required." : `Use at least ${m[1]} characters.`;
  }
  if ((m = message.match(/^Too big: expected string to have <=?(\d+) characters?/))) return `Use at most ${m[1]} characters.`;
  if ((m = message.match(/^Too small: expected array to have >=?(\d+) items?/))) return m[1] === "1" ? "Choose at least one." : `Choose at least ${m[1]}.`;
  if ((m = message.match(/^Too big: expected array to have <=?(\d+) items?/))) return `Choose at most ${m[1]}.`;
  if (/^Invalid input: expected \w+, received undefined/.test(message)) return "This field is required.";
  if (/^Invalid (email|email address)/i.test(message)) return "Enter a valid email address.";
  if (/^Invalid (url|URL)/.test(message)) return "Enter a full web address starting with https://.";
  if (/^Invalid option: expected one of/.test(message)) return "Choose one of the options.";
  return message;
}

let csrfToken = "";
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

let onUnauthorized: (() => void) | null = null;
/** Called when a request answers 401 `unauthorized` (the session ended): apps go to sign-in. */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  // A FormData body (an image upload) sets its own multipart content type.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body), credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach Tableside. Check your connection and try again.");
  }
  const text = await res.text();
  let data: any;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = data?.error ?? { code: "http_error", message: `The server answered ${res.status}. Please try again.` };
    const error = new ApiError(res.status, err.code, err.message, err.details);
    if (res.status === 401 && err.code === "unauthorized" && onUnauthorized) onUnauthorized();
    throw error;
  }
  return data as T;
}

export const http = {
  get: <T>(path: string) => api<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => api<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => api<T>("PATCH", path, body),
  del: <T>(path: string) => api<T>("DELETE", path),
};

/** Builds a path with encoded segments: path`/api/merchants/${id}`. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(String(values[i])) : ""), "");
}
