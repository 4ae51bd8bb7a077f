import { describe, expect, it } from 'vitest';
import { describeUsage } from './renderChanges';
import type { SchemaResultView } from './renderSchemaResult';
import { renderSchemaResult } from './renderSchemaResult';

const view: SchemaResultView = {
  action: 'Schema check of accounts on shop@prod',
  ok: false,
  status: 'FAILED',
  message: 'The check found 1 breaking change.',
  changes: [
    {
      id: '1',
      type: 'FIELD_ADDED',
      criticality: 'SAFE',
      coordinate: 'User.age',
      message: 'Field `User.age` was added.',
    },
    {
      id: '2',
      type: 'FIELD_REMOVED',
      criticality: 'BREAKING',
      coordinate: 'User.email',
      message: 'Field `User.email` was removed | gone.',
    },
  ],
  errors: [],
  warnings: [
    { code: 'INCONSISTENT_DESCRIPTION', message: 'Descriptions differ.', line: 3, column: 5, subgraph: 'accounts' },
  ],
  raw: { ok: false },
};

describe('renderSchemaResult', () => {
  it('prints text with breaking changes first and located warnings', () => {
    expect(renderSchemaResult(view, 'text')).toBe(
      [
        '✖ Schema check of accounts on shop@prod: FAILED',
        '  The check found 1 breaking change.',
        '',
        'Changes (1 breaking, 1 safe):',
        '  ✖ BREAKING  Field `User.email` was removed | gone.',
        '  ✔ SAFE      Field `User.age` was added.',
        '',
        'Warnings (1):',
        '  accounts:3:5 INCONSISTENT_DESCRIPTION: Descriptions differ.',
      ].join('\n'),
    );
  });

  it('prints a Markdown table with escaped pipes and folds hints away', () => {
    const markdown = renderSchemaResult(view, 'markdown');
    expect(markdown).toContain('### ❌ Schema check of accounts on shop@prod: FAILED');
    expect(markdown).toContain('**Changes:** 1 breaking, 1 safe');
    expect(markdown).toContain('| 🔴 Breaking | `User.email` | Field `User.email` was removed \\| gone. |');
    expect(markdown.indexOf('User.email')).toBeLessThan(markdown.indexOf('User.age'));
    expect(markdown).toContain('<details><summary>Composition hints (1)</summary>');
  });

  it('prints the raw API result as JSON', () => {
    expect(JSON.parse(renderSchemaResult(view, 'json'))).toEqual({ ok: false });
  });

  it('lists errors and says there are no changes only when nothing failed', () => {
    const failed = {
      ...view,
      changes: [],
      warnings: [],
      errors: [{ code: 'INVALID_GRAPHQL', message: 'Syntax Error.', line: 2, column: 1, subgraph: null }],
    };
    expect(renderSchemaResult(failed, 'text')).toContain('Errors (1):\n  :2:1 INVALID_GRAPHQL: Syntax Error.');
    expect(renderSchemaResult(failed, 'text')).not.toContain('No changes');
    expect(renderSchemaResult({ ...view, ok: true, changes: [], warnings: [] }, 'text')).toContain(
      'No changes to the API schema.',
    );
  });
});

describe('describeUsage with persisted documents', () => {
  it('names the client version and operation of each persisted document, with or without traffic', () => {
    const usage = {
      requests: 0,
      percent: null,
      clients: [],
      operations: [],
      excludedClients: [],
      documents: [{ client: 'ios', clientVersion: '4.2', id: 'abc', name: 'Skus' }],
    };
    expect(describeUsage(usage)).toBe('persisted documents: ios 4.2 Skus');
    const anonymous = { client: 'ios', clientVersion: '4.2', id: 'abc', name: null };
    expect(describeUsage({ ...usage, requests: 3, documents: [anonymous] })).toBe(
      '3 requests · persisted documents: ios 4.2 abc',
    );
  });
});
