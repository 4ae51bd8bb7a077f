import type { FieldClientUse, FieldDetail } from '../../usage/reports/fieldDetail';
import { builder } from '../builder';
import { ForecastStatusEnum } from './enums';

type FieldOperationUse = FieldClientUse['operations'][number];

const FieldOperationUseRef = builder.objectRef<FieldOperationUse>('FieldOperationUse').implement({
  description: 'Requests of one operation referencing the field, by one client version.',
  fields: (t) => ({
    signature: t.exposeString('signature'),
    name: t.string({ nullable: true, resolve: (operation) => operation.name || null }),
    type: t.exposeString('type'),
    requests: t.expose('requests', { type: 'Count' }),
  }),
});

const FieldClientUseRef = builder.objectRef<FieldClientUse>('FieldClientUse').implement({
  description: "One client version's use of a field in the window.",
  fields: (t) => ({
    name: t.exposeString('name'),
    version: t.exposeString('version'),
    requests: t.expose('requests', { type: 'Count' }),
    lastSeen: t.exposeString('lastSeen', { nullable: true }),
    operations: t.field({ type: [FieldOperationUseRef], resolve: (client) => client.operations }),
  }),
});

const FieldForecastRef = builder.objectRef<FieldDetail['forecast']>('FieldForecast');
FieldForecastRef.implement({
  description: 'A least-squares line through daily requests and the day it reaches zero.',
  fields: (t) => ({
    status: t.field({
      type: ForecastStatusEnum,
      resolve: (forecast) => forecast.status,
    }),
    days: t.int({ description: 'Days the line was fitted over.', resolve: (forecast) => forecast.days }),
    zeroDate: t.string({
      nullable: true,
      description: 'UTC day (YYYY-MM-DD); null unless DECLINING.',
      resolve: (forecast) => forecast.zeroDate,
    }),
    slopePerDay: t.float({
      description: 'Requests per day gained (negative: lost) each day.',
      resolve: (forecast) => forecast.slope,
    }),
  }),
});

export const FieldDetailRef = builder.objectRef<FieldDetail>('FieldDetail').implement({
  description: 'One element of the served API schema: owner, deprecation, who used it in the window and how.',
  fields: (t) => ({
    coordinate: t.exposeString('coordinate'),
    kind: t.exposeString('kind', { description: 'FIELD, ARGUMENT, INPUT_FIELD or ENUM_VALUE.' }),
    subgraphs: t.exposeStringList('subgraphs', {
      description:
        "Subgraphs resolving it (an argument: its field's), from the supergraph's @join__field; empty for input fields and enum values.",
    }),
    deprecationReason: t.exposeString('deprecationReason', { nullable: true }),
    deprecatedInVersion: t.int({
      nullable: true,
      description: 'The supergraph version that deprecated it (or added it deprecated).',
      resolve: (field) => field.deprecatedIn?.version ?? null,
    }),
    deprecatedAt: t.string({ nullable: true, resolve: (field) => field.deprecatedIn?.createdAt ?? null }),
    requests: t.expose('requests', { type: 'Count' }),
    firstSeen: t.exposeString('firstSeen', {
      nullable: true,
      description: 'Exact time an operation referencing it was first seen (whole retention).',
    }),
    lastSeen: t.exposeString('lastSeen', { nullable: true, description: 'Exact time one was last seen.' }),
    clients: t.field({ type: [FieldClientUseRef], description: 'Busiest first.', resolve: (field) => field.clients }),
    forecast: t.field({ type: FieldForecastRef, resolve: (field) => field.forecast }),
  }),
});
