/** The floor object of a store is named by merchant and store, so names never collide across tenants. */
export const floorName = (merchantId: string, storeId: string) => `${merchantId}:${storeId}`;
