import { createRouter } from "../router";

export const partnerApiRoutes = createRouter();
