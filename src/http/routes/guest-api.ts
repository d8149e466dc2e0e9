import { createRouter } from "../router";

export const guestApiRoutes = createRouter();
