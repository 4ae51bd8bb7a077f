import type { SchemaChange } from '../../changes/types';
import { builder } from '../builder';
import { CriticalityEnum } from './enums';

export const SchemaChangeRef = builder.objectRef<SchemaChange>('SchemaChange').implement({
  description: 'One change of the API schema, with what to do about it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable hash of the change type and coordinate.' }),
    type: t.exposeString('type', { description: 'graphql-inspector change type, e.g. FIELD_REMOVED.' }),
    criticality: t.field({ type: CriticalityEnum, resolve: (change) => change.criticality }),
    coordinate: t.exposeString('coordinate', { description: 'Schema coordinate, e.g. User.email.' }),
    message: t.exposeString('message'),
  }),
});
