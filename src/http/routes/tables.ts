import { createRouter } from "../router";

export const tableRoutes = createRouter();
