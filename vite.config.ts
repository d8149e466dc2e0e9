import { resolve } from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { staticHeadersFile } from "./src/http/middleware/security-policy.js";

const web = resolve(import.meta.dirname, "web");

/**
 * Workers static assets read response headers from a `_headers` file in the assets directory:
 * written here from the same policy the Worker sends, so the two cannot drift apart.
 */
const securityHeadersFile = (): Plugin => ({
  name: "tableside-security-headers",
  generateBundle() {
    this.emitFile({ type: "asset", fileName: "_headers", source: staticHeadersFile() });
  },
});

/**
 * Builds the browser code into dist/web, which wrangler serves as static assets:
 * the console, staff board and partner portal (single-page apps), and the guest island, which
 * the server-rendered guest pages load from the stable path /guest/table.js.
 */
export default defineConfig({
  root: web,
  plugins: [preact(), securityHeadersFile()],
  build: {
    outDir: resolve(import.meta.dirname, "dist/web"),
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: {
        console: resolve(web, "console/index.html"),
        staff: resolve(web, "staff/index.html"),
        partner: resolve(web, "partner/index.html"),
        table: resolve(web, "guest/table.tsx"),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "table" ? "guest/[name].js" : "assets/[name]-[hash].js"),
      },
    },
  },
});
