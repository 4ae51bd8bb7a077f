import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { hashSdl } from '../hashSdl';
import { buildApiSchema } from './buildApiSchema';
import { describeChange } from './describeChange';
import { type FoldedChange, foldAdditionDetails } from './foldAdditionDetails';
import { Criticality, type SchemaChange } from './types';

/**
 * Lists every change between two API schemas (what clients see), classified BREAKING, DANGEROUS or SAFE by
 * graphql-inspector. With no `beforeApiSdl` (the first version) every element is a safe addition. Directive usages
 * of `@deprecated` are folded into the deprecation changes that already describe them, and the description and
 * deprecation of an added element into its addition.
 */
export async function findSchemaChanges(beforeApiSdl: string | null, afterApiSdl: string): Promise<SchemaChange[]> {
  if (beforeApiSdl === afterApiSdl) return [];
  const after = buildApiSchema(afterApiSdl);
  const before = beforeApiSdl === null ? null : buildApiSchema(beforeApiSdl);
  const changes = await diff(before, after);
  const relevant = changes.filter(
    (change) => !(change.type.startsWith('DIRECTIVE_USAGE_') && change.path?.includes('.@deprecated')),
  );
  return foldAdditionDetails(relevant).map((folded) => toSchemaChange(folded, beforeApiSdl === null));
}

function toSchemaChange({ change, coordinate, addedDeprecated }: FoldedChange, initial: boolean): SchemaChange {
  const criticality = initial ? Criticality.SAFE : criticalityOf(change);
  return {
    id: hashSdl(JSON.stringify([change.type, coordinate, sortedEntries(change.meta ?? {})])).slice(0, 16),
    type: change.type,
    criticality,
    coordinate,
    message: describeChange(change, coordinate, criticality, { addedDeprecated }),
  };
}

function criticalityOf(change: Change): Criticality {
  switch (change.criticality.level) {
    case CriticalityLevel.Breaking:
      return Criticality.BREAKING;
    case CriticalityLevel.Dangerous:
      return Criticality.DANGEROUS;
    case CriticalityLevel.NonBreaking:
      return Criticality.SAFE;
  }
}

function sortedEntries(meta: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(meta).sort(([a], [b]) => a.localeCompare(b));
}
