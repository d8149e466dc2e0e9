import type { Env } from "../../env";
import type { Db } from "../../db/client";

/** Set first on every request (app.ts): the drizzle client over the `DB` binding. */
export type DbVariables = {
  db: Db;
};

/** What every middleware may rely on: the Worker's bindings and the database client. */
export type BaseEnv = { Bindings: Env; Variables: DbVariables };
