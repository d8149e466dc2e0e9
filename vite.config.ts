import { resolve } from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

const web = resolve(import.meta.dirname, "web");

/**
 * Builds the browser code into dist/web, which wrangler serves as static assets:
 * the console, staff board and partner portal (single-page apps), and the guest island, which
 * the server-rendered guest pages load from the stable path /guest/table.js.
 */
export default defineConfig({
  root: web,
  plugins: [preact()],
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
