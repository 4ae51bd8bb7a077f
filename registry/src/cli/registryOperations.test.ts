import { type DocumentNode, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../api/schema';
import * as operations from './registryOperations';

describe('the CLI operations', () => {
  const documents = Object.entries(operations as Record<string, DocumentNode>);

  // tsc already fails on a selected field the API lacks; this catches what types cannot see (arguments, directives).
  it.each(documents)('%s is valid against the schema the registry serves', (_name, document) => {
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });
});
