import { AuditAction, AuditOutcome } from '../../audit/AuditAction';
import { audited } from '../../audit/audited';
import { createContract, deleteContract, listContracts } from '../../contracts/manageContracts';
import { assertGraphVariant } from '../../publishing/validateInput';
import type { ContractSummary } from '../../repositories/contractRepository';
import { assertAdmin, assertCanRead } from '../../tokens/access';
import { builder } from '../builder';

const ContractRef = builder.objectRef<ContractSummary>('Contract').implement({
  description: "A variant serving its source variant's supergraph filtered by tags, updated by every source publish.",
  fields: (t) => ({
    graph: t.exposeString('graph'),
    variant: t.exposeString('variant', { description: 'The contract variant gateways serve.' }),
    source: t.exposeString('source', { description: 'The variant subgraphs are published to.' }),
    includeTags: t.exposeStringList('includeTags'),
    excludeTags: t.exposeStringList('excludeTags'),
    createdAt: t.string({ resolve: (contract) => contract.createdAt.toISOString() }),
  }),
});

const CreateContractInput = builder.inputType('CreateContractInput', {
  fields: (t) => ({
    graph: t.string({ required: true }),
    variant: t.string({ required: true, description: 'The contract variant; created when missing.' }),
    source: t.string({ required: true, description: 'The variant it filters.' }),
    include: t.stringList({ description: 'Keep only object and interface fields (and unions) with these tags.' }),
    exclude: t.stringList({ description: 'Remove elements with these tags; wins over include.' }),
  }),
});

builder.queryFields((t) => ({
  contracts: t.field({
    type: [ContractRef],
    description: "A graph's contracts.",
    args: { graph: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      assertCanRead(context.principal, args.graph);
      return listContracts(context.db, args.graph);
    },
  }),
}));

builder.mutationFields((t) => ({
  createContract: t.field({
    type: ContractRef,
    description: "Creates a contract variant and its first version from the source's served one (admin only).",
    args: { input: t.arg({ type: CreateContractInput, required: true }) },
    resolve: (_root, { input }, context) => {
      assertGraphVariant(input);
      return audited(
        context,
        {
          action: AuditAction.CONTRACT_CREATE,
          graph: input.graph,
          variant: input.variant,
          details: { source: input.source, include: input.include ?? [], exclude: input.exclude ?? [] },
        },
        () => {
          assertAdmin(context.principal);
          return createContract(context.db, input);
        },
        (contract) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Created contract ${contract.graph}@${contract.variant} of ${contract.source}.`,
        }),
      );
    },
  }),
  deleteContract: t.field({
    type: ContractRef,
    description: 'Deletes a contract: its variant stops following the source and keeps its last version (admin only).',
    args: { graph: t.arg.string({ required: true }), variant: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      return audited(
        context,
        { action: AuditAction.CONTRACT_DELETE, graph: args.graph, variant: args.variant },
        () => {
          assertAdmin(context.principal);
          return deleteContract(context.db, args);
        },
        (contract) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Deleted contract ${contract.graph}@${contract.variant} of ${contract.source}.`,
        }),
      );
    },
  }),
}));
