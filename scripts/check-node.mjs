// Root `preinstall`: refuses to install with a Node that npm would install an incomplete tree on.
//
// Everything installed here runs on the Node 24 the repo pins (`node` devDependency), but npm
// decides which *optional* packages to install with the Node that runs npm itself: below 20.19
// (and on 21.x or 22.0-22.11) it silently skips Vite's native bundler
// (@rolldown/binding-*: "node ^20.19.0 || >=22.12.0"), and `vite build` then fails much later
// with "Cannot find native binding". The version that matters is npm's own, from its user agent
// ("npm/10.8.2 node/v20.17.0 linux x64 …"): this script itself may already run on the pinned Node.
const agent = process.env.npm_config_user_agent ?? "";
const version = /\bnode\/v?(\d+)\.(\d+)\.(\d+)/.exec(agent);
if (version) {
  const [major, minor] = [Number(version[1]), Number(version[2])];
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
  if (!ok) {
    console.error(
      `Tableside needs Node 20.19+ (or 22.12+) to run npm install; this npm runs on Node ${version[1]}.${version[2]}.${version[3]}.\n` +
        "With it npm would skip Vite's native bundler (@rolldown/binding-*), and builds would fail.\n" +
        "Install a newer Node, remove node_modules and run npm install again.",
    );
    process.exit(1);
  }
}
