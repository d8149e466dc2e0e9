import { createRouter } from "../router";

export const isvRoutes = createRouter();
