import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decidePublish } from './decidePublish';

const sdl = 'type Query { a: String }';
const url = 'http://127.0.0.1:4001/graphql';
const hash = createHash('sha256').update(sdl).digest('hex');

describe('decidePublish (npm start)', () => {
  it('publishes what the registry does not have yet', () => {
    expect(decidePublish({ sdl, url, served: undefined })).toEqual({ kind: 'publish' });
    expect(decidePublish({ sdl, url, served: { name: 'a', url, latest: null } })).toEqual({ kind: 'publish' });
  });

  it('leaves a subgraph the registry already serves with this SDL at this URL', () => {
    expect(decidePublish({ sdl, url, served: { name: 'a', url, latest: { hash } } })).toEqual({ kind: 'up-to-date' });
  });

  it('publishes a changed SDL or URL whose check shows nothing breaking', () => {
    const served = { name: 'a', url, latest: { hash: 'older' } };
    const check = { changes: [{ criticality: 'SAFE', message: 'Field B.c added' }] };
    expect(decidePublish({ sdl, url, served, check })).toEqual({ kind: 'publish' });
    expect(
      decidePublish({ sdl, url: 'http://127.0.0.1:5001/graphql', served: { ...served, latest: { hash } } }),
    ).toEqual({
      kind: 'publish',
    });
  });

  it('never reverts a newer version: a checked-in SDL that would break it is left unpublished, saying why', () => {
    const served = { name: 'a', url, latest: { hash: 'newer' } };
    const check = {
      changes: [
        { criticality: 'BREAKING', message: "Field 'Query.b' was removed" },
        { criticality: 'SAFE', message: 'Description changed' },
      ],
    };
    expect(decidePublish({ sdl, url, served, check })).toEqual({
      kind: 'keep',
      breaking: ["Field 'Query.b' was removed"],
    });
  });
});
