import { builder } from '../builder';
import './Supplier';
import './Offer';
import './Supply';
import './Query';
import './Mutation';

/**
 * The suppliers subgraph schema (Federation 2). The directive list is the accounts one plus `@extends`, which
 * Pothos puts on every `externalRef` type (here `Supply`).
 */
export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.9',
  federationDirectives: [
    '@key',
    '@extends',
    '@shareable',
    '@tag',
    '@external',
    '@requires',
    '@authenticated',
    '@requiresScopes',
    '@cost',
    '@listSize',
    '@inaccessible',
  ],
});
