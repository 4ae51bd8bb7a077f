import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { hashSdl } from '../hashSdl';
import { buildApiSchema } from './buildApiSchema';
import { coordinateOf } from './coordinateOf';
import { describeChange } from './describeChange';
import { Criticality, type SchemaChange } from './types';

/**
 * Lists every change between two API schemas (what clients see), classified BREAKING, DANGEROUS or SAFE by
 * graphql-inspector. With no `beforeApiSdl` (the first version) every element is a safe addition. Directive usages
 * of `@deprecated` are folded into the deprecation changes that already describe them.
 */
export async function findSchemaChanges(beforeApiSdl: string | null, afterApiSdl: string): Promise<SchemaChange[]> {
  if (beforeApiSdl === afterApiSdl) return [];
  const after = buildApiSchema(afterApiSdl);
  const before = beforeApiSdl === null ? null : buildApiSchema(beforeApiSdl);
  const changes = await diff(before, after);
  return changes
    .filter((change) => !(change.type.startsWith('DIRECTIVE_USAGE_') && change.path?.includes('.@deprecated')))
    .map((change) => toSchemaChange(change, beforeApiSdl === null));
}

function toSchemaChange(change: Change, initial: boolean): SchemaChange {
  const coordinate = coordinateOf(change);
  const criticality = initial ? Criticality.SAFE : criticalityOf(change);
  return {
    id: hashSdl(JSON.stringify([change.type, coordinate, sortedEntries(change.meta ?? {})])).slice(0, 16),
    type: change.type,
    criticality,
    coordinate,
    message: describeChange(change, coordinate, criticality),
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
