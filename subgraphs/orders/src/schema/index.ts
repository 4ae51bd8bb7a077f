import { builder } from '../builder';
import './Money';
import './Supply';
import './Supplier';
import './User';
import './Clinic';
import './OrderLine';
import './PurchaseOrder';
import './PurchaseOrderConnection';
import './PlaceOrderError';
import './PlaceOrderInput';
import './PlaceOrderPayload';
import './Query';
import './Mutation';

/** The orders subgraph schema (Federation 2). */
export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.9',
  // accounts' list plus @extends, which Pothos puts on every `externalRef` (Clinic, User, Supply, Supplier).
  federationDirectives: [
    '@key',
    '@shareable',
    '@tag',
    '@external',
    '@extends',
    '@requires',
    '@authenticated',
    '@requiresScopes',
    '@cost',
    '@listSize',
  ],
});
