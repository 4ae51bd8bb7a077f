import { fileURLToPath } from 'node:url';
import { minifyIntrospection, outputIntrospectionFile } from '@gql.tada/internal';
import { introspectionFromSchema, printSchema } from 'graphql';
import { schema } from './schema';

/** The registry API's SDL, checked in beside the code that builds it (what the CLI and other clients are typed from). */
export const apiSchemaFile = fileURLToPath(new URL('./schema.graphql', import.meta.url));
/** The same schema as the type gql.tada reads, so every CLI operation is checked against it by `tsc`. */
export const apiIntrospectionFile = fileURLToPath(new URL('../cli/graphql-env.d.ts', import.meta.url));

/** The checked-in files' contents as the code prints them now. */
export function printApiSchemaFiles(): { sdl: string; introspection: string } {
  return {
    sdl: `${printSchema(schema)}\n`,
    introspection: outputIntrospectionFile(minifyIntrospection(introspectionFromSchema(schema)), {
      fileType: '.d.ts',
      shouldPreprocess: true,
    }),
  };
}
