import { describe, expect, it } from 'vitest';
import { findSchemaChanges } from './findSchemaChanges';

const before = /* GraphQL */ `
  type Query { user(id: ID!, locale: String): User users: [User!]! }
  type User { id: ID! email: String name: String role: Role }
  enum Role { ADMIN MEMBER GUEST }
  input UserFilter { name: String }
`;

describe('findSchemaChanges', () => {
  it('reports a removed field as breaking, naming the coordinate and what to do', async () => {
    const after = before.replace('email: String', '');
    expect(await findSchemaChanges(before, after)).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        type: 'FIELD_REMOVED',
        criticality: 'BREAKING',
        coordinate: 'User.email',
        message:
          'Field `User.email` was removed; clients selecting it will fail — deprecate it first and remove it once usage reaches zero.',
      },
    ]);
  });

  it('uses Type.field(arg:) for arguments and Enum.VALUE for enum values', async () => {
    const after = before
      .replace('locale: String', 'locale: String, strict: Boolean!')
      .replace('GUEST', '')
      .replace('MEMBER', 'MEMBER OWNER');
    const changes = await findSchemaChanges(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'FIELD_ARGUMENT_ADDED',
          criticality: 'BREAKING',
          coordinate: 'Query.user(strict:)',
        }),
        expect.objectContaining({ type: 'ENUM_VALUE_REMOVED', criticality: 'BREAKING', coordinate: 'Role.GUEST' }),
        expect.objectContaining({ type: 'ENUM_VALUE_ADDED', criticality: 'DANGEROUS', coordinate: 'Role.OWNER' }),
      ]),
    );
    expect(changes).toHaveLength(3);
    expect(changes.find((change) => change.coordinate === 'Query.user(strict:)')?.message).toBe(
      'Required argument `Query.user(strict:)` was added; operations that omit it will fail — make it optional or give it a default value.',
    );
  });

  it('classifies additions and deprecations as safe and reports a deprecation once', async () => {
    const after = before
      .replace('name: String role', 'name: String @deprecated(reason: "Use displayName.") displayName: String role')
      .concat('\ntype Team { id: ID! }');
    const changes = await findSchemaChanges(before, after);
    expect(changes.map(({ type, criticality, coordinate }) => ({ type, criticality, coordinate }))).toEqual(
      expect.arrayContaining([
        { type: 'FIELD_ADDED', criticality: 'SAFE', coordinate: 'User.displayName' },
        { type: 'FIELD_DEPRECATION_ADDED', criticality: 'SAFE', coordinate: 'User.name' },
        { type: 'TYPE_ADDED', criticality: 'SAFE', coordinate: 'Team' },
      ]),
    );
    expect(changes.filter((change) => change.coordinate === 'User.name')).toHaveLength(1);
  });

  it('gives the same change the same id in every diff, and different changes different ids', async () => {
    const removeEmail = before.replace('email: String', '');
    const [first] = await findSchemaChanges(before, removeEmail);
    const alongOthers = await findSchemaChanges(before, removeEmail.replace('users', 'people'));
    const [other] = await findSchemaChanges(before, before.replace('name: String', ''));
    expect(first?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(alongOthers.find((change) => change.coordinate === 'User.email')?.id).toBe(first?.id);
    expect(other?.id).not.toBe(first?.id);
  });

  it('treats every element of the first version as a safe addition', async () => {
    const changes = await findSchemaChanges(null, before);
    expect(changes.length).toBeGreaterThan(5);
    expect(changes.every((change) => change.criticality === 'SAFE')).toBe(true);
    expect(changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'FIELD_ADDED', coordinate: 'User.email' })]),
    );
  });

  it('describes input fields, union members, argument removals and type removals with their coordinates', async () => {
    const withUnion = `${before}\ntype Team { id: ID! }\nunion Member = User`;
    const after = withUnion
      .replace('input UserFilter { name: String }', 'input UserFilter { name: String email: String! }')
      .replace('union Member = User', 'union Member = User | Team')
      .replace('user(id: ID!, locale: String)', 'user(id: ID!)')
      .replace('enum Role { ADMIN MEMBER GUEST }', '');
    const changes = await findSchemaChanges(withUnion, after.replace('role: Role', ''));
    const byCoordinate = Object.fromEntries(changes.map((change) => [change.coordinate, change]));
    expect(byCoordinate['UserFilter.email']).toMatchObject({
      type: 'INPUT_FIELD_ADDED',
      criticality: 'BREAKING',
      message:
        'Required input field `UserFilter.email` was added; operations that omit it will fail — make it nullable or give it a default value.',
    });
    expect(byCoordinate.Member).toMatchObject({
      type: 'UNION_MEMBER_ADDED',
      criticality: 'DANGEROUS',
      message: expect.stringContaining('Type `Team` was added to union `Member`'),
    });
    expect(byCoordinate['Query.user(locale:)']).toMatchObject({
      type: 'FIELD_ARGUMENT_REMOVED',
      criticality: 'BREAKING',
    });
    expect(byCoordinate.Role).toMatchObject({
      type: 'TYPE_REMOVED',
      criticality: 'BREAKING',
      message: expect.stringMatching(/^Type `Role` was removed; .* — /),
    });
  });

  it('reports a type or field added with its description as one change each', async () => {
    const after = before
      .replace('role: Role', 'role: Role\n "How to greet the user." nickname: String')
      .concat('\n"A group of users." type Team { "Stable id." id: ID! }');
    const changes = await findSchemaChanges(before, after);
    expect(changes.map(({ type, coordinate }) => ({ type, coordinate }))).toEqual([
      { type: 'TYPE_ADDED', coordinate: 'Team' },
      { type: 'FIELD_ADDED', coordinate: 'Team.id' },
      { type: 'FIELD_ADDED', coordinate: 'User.nickname' },
    ]);
  });

  it('reports a field and an enum value added as deprecated as one change that says so', async () => {
    const after = before
      .replace('role: Role', 'role: Role\n "Old." legacyId: ID @deprecated(reason: "Use id.")')
      .replace('GUEST', 'GUEST VISITOR @deprecated(reason: "Use GUEST.")');
    const changes = await findSchemaChanges(before, after);
    expect(changes.map(({ type, coordinate, message }) => ({ type, coordinate, message }))).toEqual([
      {
        type: 'FIELD_ADDED',
        coordinate: 'User.legacyId',
        message: 'Field `User.legacyId` was added as deprecated; clients should not start using it.',
      },
      {
        type: 'ENUM_VALUE_ADDED',
        coordinate: 'Role.VISITOR',
        message: 'Enum value `Role.VISITOR` was added as deprecated; clients should not start using it.',
      },
    ]);
  });

  it('keeps a description change on an existing coordinate as one change', async () => {
    const described = before.replace('email: String', '"Primary address." email: String');
    const changes = await findSchemaChanges(described, described.replace('Primary address.', 'Login address.'));
    expect(changes).toEqual([
      expect.objectContaining({ type: 'FIELD_DESCRIPTION_CHANGED', coordinate: 'User.email', criticality: 'SAFE' }),
    ]);
  });

  it('lists a first version with descriptions once per element', async () => {
    const changes = await findSchemaChanges(null, '"Root." type Query { "The answer." answer: Int }');
    expect(changes.map(({ type, coordinate }) => `${type} ${coordinate}`)).toEqual([
      'SCHEMA_QUERY_TYPE_CHANGED schema',
      'TYPE_ADDED Query',
      'FIELD_ADDED Query.answer',
    ]);
  });

  it('returns no changes for identical schemas', async () => {
    expect(await findSchemaChanges(before, before)).toEqual([]);
  });
});
