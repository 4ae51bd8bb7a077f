import { FIELD_OWNERSHIP_MOVED } from '../ownership/ownershipChanges';
import { Criticality, type SchemaChange } from './types';

/** What goes into one version's changelog. */
export interface ChangelogInput {
  version: number;
  /** The version this one is compared with; `null` for the first version. */
  previousVersion: number | null;
  createdAt: Date;
  changes: SchemaChange[];
  /** Names of the subgraphs composed into this version. */
  subgraphs: string[];
}

const SECTIONS = [
  {
    criticality: Criticality.BREAKING,
    title: '⚠️ Breaking changes',
    intro: 'Operations using these may fail. Update your clients before relying on this version.',
  },
  {
    criticality: Criticality.DANGEROUS,
    title: '⚡ Dangerous changes',
    intro: 'Existing operations keep working, but results or values may differ from what your client expects.',
  },
  {
    criticality: Criticality.SAFE,
    title: '✅ Safe changes',
    intro: 'Nothing to do; new capabilities you can start using.',
  },
] as const;

// Not in the criticality sections: the API schema is unchanged, another subgraph answers the field.
const OWNERSHIP_SECTION = {
  type: FIELD_OWNERSHIP_MOVED,
  title: '🔀 Ownership moves',
  intro: "These fields now resolve in another subgraph: same schema, but that subgraph's data, latency and errors.",
};

/**
 * Renders a version's changes as Markdown for API consumers: a heading with the version and date, then breaking,
 * dangerous and safe changes in that order, each sorted by coordinate, and the composed subgraphs.
 */
export function renderChangelog(input: ChangelogInput): string {
  const lines = [`# Supergraph version ${input.version}`, ''];
  const since = input.previousVersion === null ? 'First version' : `Changes since version ${input.previousVersion}`;
  lines.push(`${since} · published ${input.createdAt.toISOString()}`, '');
  if (input.changes.length === 0) {
    lines.push('No changes to the API schema.', '');
  }
  for (const section of SECTIONS) {
    const changes = input.changes
      .filter((change) => change.criticality === section.criticality && change.type !== OWNERSHIP_SECTION.type)
      .sort((a, b) => a.coordinate.localeCompare(b.coordinate) || a.type.localeCompare(b.type));
    if (changes.length === 0) continue;
    lines.push(`## ${section.title} (${changes.length})`, '', section.intro, '');
    for (const change of changes) lines.push(`- ${change.message}`);
    lines.push('');
  }
  const moves = input.changes
    .filter((change) => change.type === OWNERSHIP_SECTION.type)
    .sort((a, b) => a.coordinate.localeCompare(b.coordinate));
  if (moves.length > 0) {
    lines.push(`## ${OWNERSHIP_SECTION.title} (${moves.length})`, '', OWNERSHIP_SECTION.intro, '');
    for (const change of moves) lines.push(`- ${change.message}`);
    lines.push('');
  }
  const subgraphs = [...input.subgraphs].sort();
  lines.push(`Subgraphs: ${subgraphs.length > 0 ? subgraphs.map((name) => `\`${name}\``).join(', ') : 'none'}`, '');
  return lines.join('\n');
}
