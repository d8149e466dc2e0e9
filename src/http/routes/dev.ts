import { createRouter } from "../router";

export const devRoutes = createRouter();
