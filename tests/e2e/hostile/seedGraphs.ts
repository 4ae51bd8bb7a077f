/** A valid operation of a graph, the material hostile documents are made from. */
export interface SeedOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** What the generator needs to know of a graph: valid operations, and fields that nest, repeat and take strings. */
export interface SeedGraph {
  name: string;
  operations: SeedOperation[];
  /** A selection nested `depth` levels through a self-referencing path, around `leaf`. */
  nest(depth: number, leaf: string): string;
  /** A cheap root field with a selection, to alias and repeat. */
  cheapRootField: string;
  /** A root field taking a string argument, with `$` where the string literal goes. */
  stringArgumentField: string;
  /** Object-typed root field whose selection can be repeated: `<field> { $ }`. */
  objectField: string;
  /** A scalar field of `objectField`'s type. */
  scalarField: string;
}

/** Our demo graph: clinics, supplies, offers, orders. */
export const ourGraph: SeedGraph = {
  name: 'ours',
  operations: [
    {
      query: 'query Supply($id: ID!) { supply(id: $id) { id sku name packSize } }',
      variables: { id: 'supply_00001' },
      operationName: 'Supply',
    },
    {
      query:
        'query Search($q: String, $first: Int) { searchSupplies(query: $q, first: $first) { edges { node { id name bestOffer { supplier { name } unitPrice { formatted } } } } } }',
      variables: { q: 'glove', first: 5 },
    },
    { query: '{ clinic(id: "clinic_0001") { id name users { id name } } }' },
    { query: 'query Procedures { procedures(first: 3) { edges { node { id } } } }', operationName: 'Procedures' },
    { query: '{ me { id name } }' },
    {
      query:
        'mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } errors { __typename message } } }',
      variables: { input: { lines: [{ supplyId: 'supply_00001', supplierId: 'supplier_001', quantity: 1 }] } },
      operationName: 'Place',
    },
    {
      query:
        'query Two { supply(id: "supply_00002") { ...S } } fragment S on Supply { id name offers { unitPrice { amountCents } } }',
    },
  ],
  nest: (depth, leaf) => {
    let selection = leaf;
    for (let level = 0; level < depth; level++)
      selection = level % 2 === 0 ? `users { ${selection} }` : `clinic { ${selection} }`;
    return `{ clinic(id: "clinic_0001") { ${selection} } }`;
  },
  cheapRootField: 'supply(id: "supply_00001") { id }',
  stringArgumentField: 'searchSupplies(query: $, first: 1) { edges { node { id } } }',
  objectField: 'supply(id: "supply_00001")',
  scalarField: 'name',
};

/** The plain third-party-style graph (`gateway/src/plugins/testing/plainGraph.ts`): no cost or auth directives. */
export const plainGraph: SeedGraph = {
  name: 'plain',
  operations: [
    {
      query:
        'query Stores($first: Int) { stores(first: $first) { id name city departments { id name products { id sku } } } }',
      variables: { first: 5 },
      operationName: 'Stores',
    },
    {
      query: '{ storeConnection(first: 2) { edges { cursor node { id manager { name } } } pageInfo { hasNextPage } } }',
    },
    { query: 'query A($limit: Int) { articles(limit: $limit) { id title } }', variables: { limit: 3 } },
    { query: 'query S($id: ID!) { store(id: $id) { id name manager { id name email } } }', variables: { id: 's1' } },
    { query: '{ department(id: "d1") { id parent { id parent { name } } } people { id name } }' },
  ],
  nest: (depth, leaf) => `{ department(id: "d1") { ${'parent { '.repeat(depth)}${leaf}${' }'.repeat(depth)} } }`,
  cheapRootField: 'store(id: "s1") { id }',
  stringArgumentField: 'store(id: $) { id }',
  objectField: 'store(id: "s1")',
  scalarField: 'name',
};
