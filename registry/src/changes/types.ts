/** How a schema change affects existing clients. */
export const Criticality = { BREAKING: 'BREAKING', DANGEROUS: 'DANGEROUS', SAFE: 'SAFE' } as const;
export type Criticality = (typeof Criticality)[keyof typeof Criticality];

/** One change between two API schemas, as API consumers and subgraph owners see it. */
export interface SchemaChange {
  /** Stable hash of type + coordinate + details: the same change always has the same id. */
  id: string;
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  criticality: Criticality;
  /** Schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE` or `@directive`. */
  coordinate: string;
  /** One sentence naming the coordinate and saying what to do about the change. */
  message: string;
}

/** A validation or composition error (or a composition hint, when returned as a warning). */
export interface SchemaError {
  /** `INVALID_GRAPHQL` for parse errors, otherwise Apollo's composition error or hint code. */
  code: string;
  message: string;
  /** 1-based line in the subgraph SDL, when known. */
  line?: number;
  /** 1-based column in the subgraph SDL, when known. */
  column?: number;
  /** The subgraph the error belongs to, when known. */
  subgraph?: string;
}
