import { CostSource, type OperationCostChange } from '../../costs/compareOperationCosts';
import { builder } from '../builder';
import { CriticalityEnum } from './enums';

const CostSourceEnum = builder.enumType(CostSource, {
  name: 'CostSource',
  description: 'Where a priced operation comes from: traffic in the check window, or a persisted document.',
});

export const OperationCostChangeRef = builder.objectRef<OperationCostChange>('OperationCostChange').implement({
  description:
    "An operation the candidate makes costlier than the check's threshold (DANGEROUS) or prices over the gateway's cost limit (BREAKING, failing the check), priced with the gateway's cost model.",
  fields: (t) => ({
    criticality: t.field({ type: CriticalityEnum, resolve: (change) => change.criticality }),
    source: t.field({ type: CostSourceEnum, resolve: (change) => change.source }),
    id: t.exposeString('id', { description: "The operation's usage signature, or the persisted document's id." }),
    operation: t.exposeString('operation', { nullable: true, description: 'Operation name; null for anonymous ones.' }),
    clients: t.exposeStringList('clients', { description: 'Client versions sending it (`web 1.0`).' }),
    before: t.exposeFloat('before', {
      nullable: true,
      description: 'Estimated cost under the served supergraph; null when it did not price there.',
    }),
    after: t.exposeFloat('after', { description: 'Estimated cost under the candidate.' }),
    increasePercent: t.exposeInt('increasePercent', { nullable: true, description: 'Rise in percent, rounded.' }),
    limit: t.exposeFloat('limit', { description: "The gateway's cost limit compared against (CHECK_COST_MAX_COST)." }),
    message: t.exposeString('message'),
  }),
});
