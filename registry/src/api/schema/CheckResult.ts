import type { CheckResult, ContractCheck } from '../../publishing/checkSubgraph';
import { builder } from '../builder';
import { OperationCostChangeRef } from './OperationCostChange';
import { SchemaChangeRef } from './SchemaChange';
import { SchemaErrorRef } from './SchemaError';

const ContractCheckRef = builder.objectRef<ContractCheck>('ContractCheck').implement({
  description: 'What a check would do to one contract of the variant: its API changes, or why it breaks.',
  fields: (t) => ({
    variant: t.exposeString('variant', { description: 'The contract variant.' }),
    ok: t.exposeBoolean('ok', { description: 'False when the contract would no longer compose.' }),
    changes: t.field({ type: [SchemaChangeRef], resolve: (contract) => contract.changes }),
    errors: t.field({ type: [SchemaErrorRef], resolve: (contract) => contract.errors }),
  }),
});

export const CheckResultRef = builder.objectRef<CheckResult>('CheckResult').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    subgraph: t.exposeString('subgraph', { description: 'The subgraph whose proposed SDL was checked.' }),
    ok: t.exposeBoolean('ok', { description: 'False on invalid SDL, composition errors, or any blocking change.' }),
    message: t.exposeString('message'),
    changes: t.field({ type: [SchemaChangeRef], resolve: (result) => result.changes }),
    costChanges: t.field({
      type: [OperationCostChangeRef],
      description: 'Operations the candidate makes costlier than the threshold or prices over the cost limit.',
      resolve: (result) => result.costChanges,
    }),
    errors: t.field({ type: [SchemaErrorRef], resolve: (result) => result.errors }),
    warnings: t.field({ type: [SchemaErrorRef], resolve: (result) => result.warnings }),
    contracts: t.field({
      type: [ContractCheckRef],
      description: 'Each contract of the variant under the proposed SDL; one that would break fails the check.',
      resolve: (result) => result.contracts,
    }),
    createdAt: t.string({ resolve: (result) => result.createdAt.toISOString() }),
  }),
});
