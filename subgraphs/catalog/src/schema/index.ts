import { builder } from '../builder';
import './Supply';
import './Procedure';
import './Query';

/** The catalog subgraph schema (Federation 2). */
export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.9',
  federationDirectives: [
    '@key',
    '@shareable',
    '@tag',
    '@external',
    '@requires',
    '@authenticated',
    '@requiresScopes',
    '@cost',
    '@listSize',
  ],
});
