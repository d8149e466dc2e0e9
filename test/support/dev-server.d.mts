/** Types for dev-server.mjs (the shared wrangler dev harness). */
export interface SeedResponse {
  merchant: { id: string; slug: string; storeId?: string; [key: string]: unknown };
  tables: { name: string; code: string; url: string; area?: string }[];
  logins: { role: string; email: string; password: string }[];
  urls: { console: string; staff: string; partner: string; restaurant: string; [key: string]: string };
}

export interface DevServer {
  /** e.g. "http://127.0.0.1:41234" */
  baseUrl: string;
  port: number;
  /** The answer of POST /api/dev/seed (null only when started with { seed: false }). */
  seed: SeedResponse;
  /** PLATFORM_BOOTSTRAP_SECRET of this server. */
  secret: string;
  /** The server output so far (last 256 KiB). */
  log(): string;
  /** Kills the process group (SIGTERM, then SIGKILL) and removes the temporary state. */
  stop(): Promise<void>;
}

export const ROOT: string;
export function freePort(): Promise<number>;
export function parseDevVars(text: string): Record<string, string>;
export function startDevServer(options?: { seed?: boolean; vars?: Record<string, string> }): Promise<DevServer>;
