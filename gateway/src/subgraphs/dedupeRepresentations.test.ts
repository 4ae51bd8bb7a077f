import { describe, expect, it } from 'vitest';
import { dedupeRepresentations, fanOutEntities } from './dedupeRepresentations';

const p1 = { __typename: 'Product', id: 'p1' };
const p2 = { __typename: 'Product', id: 'p2' };

describe('dedupeRepresentations', () => {
  it('returns undefined when every representation is distinct', () => {
    expect(dedupeRepresentations([p1, p2])).toBeUndefined();
  });

  it('keeps the first of each duplicate and maps every original position', () => {
    expect(dedupeRepresentations([p1, p2, { ...p1 }, p1])).toEqual({ unique: [p1, p2], indexOf: [0, 1, 0, 0] });
  });
});

describe('fanOutEntities', () => {
  it('restores the original order with independent copies for duplicates', () => {
    const deduped = dedupeRepresentations([p1, p2, p1]);
    if (!deduped) throw new Error('expected duplicates');
    const response = fanOutEntities({ data: { _entities: [{ name: 'Scalpel' }, { name: 'Gauze' }] } }, deduped);
    const entities = response.data?._entities as Array<{ name: string }>;
    expect(entities).toEqual([{ name: 'Scalpel' }, { name: 'Gauze' }, { name: 'Scalpel' }]);
    expect(entities[2]).not.toBe(entities[0]);
  });

  it('repeats an entity error for every original position that shared the entity', () => {
    const deduped = dedupeRepresentations([p1, p2, p1]);
    if (!deduped) throw new Error('expected duplicates');
    const response = fanOutEntities(
      {
        data: { _entities: [null, { name: 'Gauze' }] },
        errors: [{ message: 'gone', path: ['_entities', 0, 'name'] }, { message: 'global' }],
      },
      deduped,
    );
    expect(response.errors).toEqual([
      { message: 'gone', path: ['_entities', 0, 'name'] },
      { message: 'gone', path: ['_entities', 2, 'name'] },
      { message: 'global' },
    ]);
    expect(response.data?._entities).toEqual([null, { name: 'Gauze' }, null]);
  });
});
