import { graphql, type ResultOf } from './graphql';

// The operations of `switchyard contract …`, typed by gql.tada like registryOperations.ts.

const ContractFields = graphql(`
  fragment ContractFields on Contract @_unmask { graph variant source includeTags excludeTags createdAt }
`);

export const ContractsQuery = graphql(
  `
  query Contracts($graph: String!) { contracts(graph: $graph) { ...ContractFields } }
`,
  [ContractFields],
);
export const CreateContractMutation = graphql(
  `
  mutation CreateContract($input: CreateContractInput!) { createContract(input: $input) { ...ContractFields } }
`,
  [ContractFields],
);
export const DeleteContractMutation = graphql(
  `
  mutation DeleteContract($graph: String!, $variant: String!) {
    deleteContract(graph: $graph, variant: $variant) { ...ContractFields }
  }
`,
  [ContractFields],
);

/** A contract variant and its filter. */
export type Contract = ResultOf<typeof ContractFields>;
