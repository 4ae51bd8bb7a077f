import { describe, expect, it } from 'vitest';
import { parseSdl } from './parseSdl.js';

describe('parseSdl', () => {
  it('lists types and fields in order, dropping descriptions and arguments, marking deprecated fields', () => {
    const sdl = /* GraphQL */ `
      """
      A supply. type Fake { nope: Int }
      """
      type Supply implements Node @key(fields: "id") {
        "Stable id"
        id: ID!
        code: String! @deprecated(reason: "Use sku. { not a block }")
        offers(
          """How many, at most (20)."""
          first: Int = 20
          filter: OfferFilter = { minimum: 1 }
        ): [Offer!]!
      }
      # type Commented { out: Int }
      input OfferFilter { minimum: Int }
      enum Category { GAUZE SYRINGE @deprecated }
      extend type Supply { sku: String! }
    `;
    expect(parseSdl(sdl)).toEqual([
      {
        name: 'Supply',
        kind: 'type',
        fields: [
          { coordinate: 'Supply.id', name: 'id', type: 'ID!', deprecated: false },
          { coordinate: 'Supply.code', name: 'code', type: 'String!', deprecated: true },
          { coordinate: 'Supply.offers', name: 'offers', type: '[Offer!]!', deprecated: false },
          { coordinate: 'Supply.sku', name: 'sku', type: 'String!', deprecated: false },
        ],
      },
      {
        name: 'OfferFilter',
        kind: 'input',
        fields: [{ coordinate: 'OfferFilter.minimum', name: 'minimum', type: 'Int', deprecated: false }],
      },
      {
        name: 'Category',
        kind: 'enum',
        fields: [
          { coordinate: 'Category.GAUZE', name: 'GAUZE', type: '', deprecated: false },
          { coordinate: 'Category.SYRINGE', name: 'SYRINGE', type: '', deprecated: true },
        ],
      },
    ]);
  });
});
