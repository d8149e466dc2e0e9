/** Menu and table queries. The table Durable Object uses `loadMenuSnapshot` and `findTableByCode`. */
export { loadMenuSnapshot, MenuNotFoundError } from "./snapshot";
export { findTableByCode, TABLE_CODE_PATTERN, type TableLookup } from "./table-lookup";
