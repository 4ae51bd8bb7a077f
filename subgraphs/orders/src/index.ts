export { type DirectorySettings, loadOrdersConfig, type OrdersConfig, ordersSettingNames } from './config';
export { createHttpSupplyDirectory } from './directory/httpSupplyDirectory';
export type { OfferListing, SupplyDirectory, SupplyListing } from './directory/supplyDirectory';
export { schema } from './schema';
export { createOrdersSubgraph, ORDERS_PORT } from './subgraph';
