import { createRouter } from "../router";

export const merchantRoutes = createRouter();
