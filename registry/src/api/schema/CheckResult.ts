import type { CheckResult } from '../../publishing/checkSubgraph';
import { builder } from '../builder';
import { SchemaChangeRef } from './SchemaChange';
import { SchemaErrorRef } from './SchemaError';

export const CheckResultRef = builder.objectRef<CheckResult>('CheckResult').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    subgraph: t.exposeString('subgraph', { description: 'The subgraph whose proposed SDL was checked.' }),
    ok: t.exposeBoolean('ok', { description: 'False on invalid SDL, composition errors, or any blocking change.' }),
    message: t.exposeString('message'),
    changes: t.field({ type: [SchemaChangeRef], resolve: (result) => result.changes }),
    errors: t.field({ type: [SchemaErrorRef], resolve: (result) => result.errors }),
    warnings: t.field({ type: [SchemaErrorRef], resolve: (result) => result.warnings }),
    createdAt: t.string({ resolve: (result) => result.createdAt.toISOString() }),
  }),
});
