import { exports } from "cloudflare:workers";
import type { Client } from "../helpers/client";
import { solidPng } from "../../src/db/seed/png";

/** Sends a multipart upload (one `file` part per file) as the signed-in client, like the console does. */
export async function upload(client: Client, method: "PUT", path: string, files: Uint8Array[], headers: Record<string, string> = {}) {
  const form = new FormData();
  files.forEach((f, i) => form.append("file", new Blob([f as Uint8Array<ArrayBuffer>]), `w${i}`));
  const res = await exports.default.fetch(`https://tableside.test${path}`, {
    method,
    body: form,
    headers: {
      "cf-connecting-ip": client.ip,
      "x-csrf-token": client.csrfToken,
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      ...headers,
    },
  });
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text, headers: res.headers };
}

/** The widths of a square (dish or logo) picture, in one colour. */
export const squares = (widths: number[], color?: [number, number, number]) => Promise.all(widths.map((w) => solidPng(w, w, color)));

/** A fetch of a served file, as a guest would (no cookie). */
export const fetchMedia = (path: string, headers: Record<string, string> = {}) => exports.default.fetch(`https://tableside.test${path}`, { headers });
