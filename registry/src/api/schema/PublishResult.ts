import type { PublishResult } from '../../publishing/PublishResult';
import { builder } from '../builder';
import { PublishStatusEnum } from './enums';
import { SchemaChangeRef } from './SchemaChange';
import { SchemaErrorRef } from './SchemaError';
import { SupergraphVersionRef } from './SupergraphVersion';

export const PublishResultRef = builder.objectRef<PublishResult>('PublishResult').implement({
  fields: (t) => ({
    status: t.field({ type: PublishStatusEnum, resolve: (result) => result.status }),
    message: t.exposeString('message'),
    supergraphVersion: t.field({
      type: SupergraphVersionRef,
      nullable: true,
      description: 'The version served after this call.',
      resolve: (result) => result.supergraphVersion,
    }),
    changes: t.field({ type: [SchemaChangeRef], resolve: (result) => result.changes }),
    errors: t.field({ type: [SchemaErrorRef], resolve: (result) => result.errors }),
    warnings: t.field({ type: [SchemaErrorRef], resolve: (result) => result.warnings }),
  }),
});
