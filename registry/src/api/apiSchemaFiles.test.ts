import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiIntrospectionFile, apiSchemaFile, printApiSchemaFiles } from './apiSchemaFiles';

describe('checked-in registry API schema', () => {
  const files = printApiSchemaFiles();
  const drifted = 'drifted from registry/src/api/schema: run `npm run api:schema -w @switchyard/registry`';

  it('registry/src/api/schema.graphql is the schema the registry serves', () => {
    expect(readFileSync(apiSchemaFile, 'utf8'), `schema.graphql ${drifted}`).toBe(files.sdl);
  });

  it('registry/src/cli/graphql-env.d.ts (what the CLI is typed from) is the same schema', () => {
    expect(readFileSync(apiIntrospectionFile, 'utf8'), `graphql-env.d.ts ${drifted}`).toBe(files.introspection);
  });
});
