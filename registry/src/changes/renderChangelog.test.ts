import { describe, expect, it } from 'vitest';
import { renderChangelog } from './renderChangelog';
import type { SchemaChange } from './types';

const change = (criticality: SchemaChange['criticality'], coordinate: string, message: string): SchemaChange => ({
  id: coordinate,
  type: 'FIELD_REMOVED',
  criticality,
  coordinate,
  message,
});

describe('renderChangelog', () => {
  it('groups changes by criticality, breaking first, for API consumers', () => {
    const markdown = renderChangelog({
      version: 7,
      previousVersion: 6,
      createdAt: new Date('2026-01-02T03:04:05Z'),
      subgraphs: ['orders', 'accounts'],
      changes: [
        change('SAFE', 'User.age', 'Field `User.age` was added; clients can start selecting it.'),
        change('BREAKING', 'User.email', 'Field `User.email` was removed.'),
        change('DANGEROUS', 'Role.OWNER', 'Enum value `Role.OWNER` was added.'),
      ],
    });
    expect(markdown).toBe(`# Supergraph version 7

Changes since version 6 · published 2026-01-02T03:04:05.000Z

## ⚠️ Breaking changes (1)

Operations using these may fail. Update your clients before relying on this version.

- Field \`User.email\` was removed.

## ⚡ Dangerous changes (1)

Existing operations keep working, but results or values may differ from what your client expects.

- Enum value \`Role.OWNER\` was added.

## ✅ Safe changes (1)

Nothing to do; new capabilities you can start using.

- Field \`User.age\` was added; clients can start selecting it.

Subgraphs: \`accounts\`, \`orders\`
`);
  });

  it('says so when the API schema did not change, and marks the first version', () => {
    const markdown = renderChangelog({
      version: 1,
      previousVersion: null,
      createdAt: new Date(0),
      subgraphs: [],
      changes: [],
    });
    expect(markdown).toContain('First version');
    expect(markdown).toContain('No changes to the API schema.');
    expect(markdown).not.toContain('## ');
  });
});
