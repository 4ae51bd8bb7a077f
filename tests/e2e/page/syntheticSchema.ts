/** One field's usage as `usageFields` answers it. */
export interface SyntheticFieldUsage {
  coordinate: string;
  kind: string;
  deprecated: boolean;
  deprecationReason: string | null;
  requests: number;
  operations: number;
  clients: number;
  firstSeen: string | null;
  lastSeen: string | null;
  trend: { direction: string; current: number; previous: number; changePercent: number | null };
}

/** A type as `SupergraphVersion.apiSchemaTypes` answers it. */
export interface SyntheticType {
  name: string;
  kind: string;
  related: string[];
  fields: {
    coordinate: string;
    name: string;
    kind: string;
    type: string;
    defaultValue: string | null;
    deprecationReason: string | null;
    arguments: SyntheticType['fields'];
  }[];
}

/**
 * An API schema of `types` object types with `fieldsPerType` fields each (`Type0001.field0`…), and usage for every
 * field: every third field unused, the others with `index + 1` requests. For checking the explorer stays fast on
 * schemas far larger than the test stack's.
 */
export function syntheticSchema(
  types: number,
  fieldsPerType: number,
): { sdl: string; types: SyntheticType[]; usage: SyntheticFieldUsage[] } {
  const lines = ['type Query {', '  type0000: Type0000', '}'];
  const element = (coordinate: string, name: string, kind: string, type: string, defaultValue: string | null) => ({
    coordinate,
    name,
    kind,
    type,
    defaultValue,
    deprecationReason: null,
    arguments: [] as SyntheticType['fields'],
  });
  const schemaTypes: SyntheticType[] = [
    {
      name: 'Query',
      kind: 'OBJECT',
      related: [],
      fields: [element('Query.type0000', 'type0000', 'FIELD', 'Type0000', null)],
    },
  ];
  const usage: SyntheticFieldUsage[] = [];
  const now = new Date().toISOString();
  for (let t = 0; t < types; t++) {
    const name = `Type${String(t).padStart(4, '0')}`;
    lines.push(`"""Synthetic type ${t}."""`, `type ${name} {`);
    const schemaType: SyntheticType = { name, kind: 'OBJECT', related: [], fields: [] };
    schemaTypes.push(schemaType);
    for (let f = 0; f < fieldsPerType; f++) {
      lines.push(`  field${f}(first: Int = 10): String`);
      const field = element(`${name}.field${f}`, `field${f}`, 'FIELD', 'String', null);
      field.arguments.push(element(`${name}.field${f}(first:)`, 'first', 'ARGUMENT', 'Int', '10'));
      schemaType.fields.push(field);
      const index = t * fieldsPerType + f;
      const requests = index % 3 === 0 ? 0 : index + 1;
      usage.push({
        coordinate: `${name}.field${f}`,
        kind: 'FIELD',
        deprecated: false,
        deprecationReason: null,
        requests,
        operations: requests > 0 ? 1 : 0,
        clients: requests > 0 ? 1 : 0,
        firstSeen: requests > 0 ? now : null,
        lastSeen: requests > 0 ? now : null,
        trend: { direction: requests > 0 ? 'NEW' : 'NONE', current: requests, previous: 0, changePercent: null },
      });
    }
    lines.push('}');
  }
  return { sdl: lines.join('\n'), types: schemaTypes, usage };
}
