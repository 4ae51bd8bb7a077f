import { describeApiSchema, type SchemaElement, type SchemaType } from '../../explorer/describeApiSchema';
import { builder } from '../builder';
import { SupergraphVersionRef } from './SupergraphVersion';

export const SchemaElementRef = builder.objectRef<SchemaElement>('SchemaElement');
SchemaElementRef.implement({
  description: 'A field, argument, input field or enum value of the API schema, named by its schema coordinate.',
  fields: (t) => ({
    coordinate: t.exposeString('coordinate', {
      description: '`Type.field`, `Type.field(arg:)`, `Input.field` or `Enum.VALUE`.',
    }),
    name: t.exposeString('name'),
    kind: t.exposeString('kind', { description: 'FIELD, ARGUMENT, INPUT_FIELD or ENUM_VALUE.' }),
    type: t.exposeString('type', {
      nullable: true,
      description: 'The printed type, e.g. `[Offer!]!`; null for enum values.',
    }),
    defaultValue: t.exposeString('defaultValue', {
      nullable: true,
      description: 'An argument or input field default as GraphQL prints it, e.g. `20` or `{minimum: 1}`.',
    }),
    description: t.exposeString('description', { nullable: true }),
    deprecationReason: t.exposeString('deprecationReason', {
      nullable: true,
      description: 'Null when not deprecated.',
    }),
    arguments: t.field({ type: [SchemaElementRef], resolve: (element) => element.arguments }),
  }),
});

export const SchemaTypeRef = builder.objectRef<SchemaType>('SchemaType').implement({
  description: 'A named type of the API schema and its members.',
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.exposeString('kind', { description: 'OBJECT, INTERFACE, INPUT_OBJECT, ENUM, UNION or SCALAR.' }),
    description: t.exposeString('description', { nullable: true }),
    fields: t.field({
      type: [SchemaElementRef],
      description: 'Fields (with their arguments), input fields or enum values; empty for unions and scalars.',
      resolve: (type) => type.fields,
    }),
    related: t.stringList({
      description: "A union's member types, or the interfaces an object or interface implements.",
      resolve: (type) => type.related,
    }),
  }),
});

builder.objectField(SupergraphVersionRef, 'apiSchemaTypes', (t) =>
  t.field({
    type: [SchemaTypeRef],
    description:
      'Every named type of the API schema (less introspection and built-in scalars) in schema order, read on the server with graphql-js: what the schema explorer lists.',
    resolve: (version) => [...describeApiSchema(version.apiSdl)],
  }),
);
