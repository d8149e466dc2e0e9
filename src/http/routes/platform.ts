import { createRouter } from "../router";

export const platformRoutes = createRouter();
