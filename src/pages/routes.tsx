import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";

/** Server-rendered guest pages: /q/<tableCode> and /m/<merchantSlug>. Built in the menus issue. */
export const guestPages = new Hono<AppEnv>();
