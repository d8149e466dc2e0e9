import { createRouter } from "../router";

export const menuRoutes = createRouter();
