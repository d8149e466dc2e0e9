import { createApp } from "./http/app";
import { runScheduled } from "./scheduled";
import type { Env } from "./env";

export { TableSession } from "./table/table-session";
export { StoreFloor } from "./floor/store-floor";
export { SandboxWallet } from "./payments/sandbox/wallet-object";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
