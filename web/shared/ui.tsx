/**
 * Small shared components of the console and the partner portal, by family: data loading
 * (ui/data.ts), forms and fields (ui/forms.tsx), page furniture (ui/page.tsx).
 */
export * from "./ui/data";
export * from "./ui/forms";
export * from "./ui/page";
