// Layering rules of issue 9, checked by `npm test` (scripts/check-layers.mjs runs
// `depcruise src web`). Type-only imports count too (tsPreCompilationDeps), so a type cannot
// smuggle a dependency the code may not have.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "src/domain is pure logic with no I/O and no framework: it imports nothing from storage (src/db), the HTTP edge (src/http, src/api), the Durable Objects (src/table, src/floor), pages or services, nor Hono, zod-openapi, drizzle or zod. Validation schemas live at the edge (src/api).",
      severity: "error",
      from: { path: "^src/domain/" },
      to: {
        path: [
          "^src/(db|http|api|table|floor|pages|services)/",
          "(^|/)node_modules/(hono|@hono/[^/]+|drizzle-orm|zod)/",
        ],
      },
    },
    {
      name: "no-circular",
      comment: "No import circles in src/ (type-only imports included).",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "api-schemas-stay-readable-by-web",
      comment:
        "src/api holds the resource schemas the web apps take their types from: it imports only zod, @hono/zod-openapi and src/domain, so web/tsconfig.json can read it without Workers globals.",
      severity: "error",
      from: { path: "^src/api/" },
      to: {
        dependencyTypesNot: ["core"],
        pathNot: ["^src/(api|domain)/", "(^|/)node_modules/(zod|@hono/zod-openapi)/"],
      },
    },
    {
      name: "web-takes-only-types-from-the-server",
      comment:
        "The browser bundles may run src/domain (pure logic) and the table/floor wire protocols; anything else from src/ is `import type` only, so no server code reaches a bundle.",
      severity: "error",
      from: { path: "^web/" },
      to: {
        path: "^src/",
        pathNot: ["^src/domain/", "^src/(table|floor)/protocol\\.ts$"],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^cloudflare:" },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
