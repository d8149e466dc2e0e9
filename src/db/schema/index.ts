export * from "./common";
export * from "./accounts";
export * from "./menu";
export * from "./images";
