import { describe, expect, it } from 'vitest';
import { buildApiSchema } from './buildApiSchema';

const sdl = (field: string) => /* GraphQL */ `type Query { ${field}: String }`;

describe('buildApiSchema', () => {
  it('reuses the schema built for the same SDL', () => {
    const first = buildApiSchema(sdl('a'));
    expect(buildApiSchema(sdl('a'))).toBe(first);
    expect(Object.keys(first.getQueryType()?.getFields() ?? {})).toEqual(['a']);
  });

  it('keeps only the four most recently used schemas', () => {
    const kept = buildApiSchema(sdl('kept'));
    const evicted = buildApiSchema(sdl('evicted'));
    for (const field of ['b', 'c', 'd']) {
      buildApiSchema(sdl('kept'));
      buildApiSchema(sdl(field));
    }
    expect(buildApiSchema(sdl('kept'))).toBe(kept);
    expect(buildApiSchema(sdl('evicted'))).not.toBe(evicted);
  });
});
