import { writeFileSync } from 'node:fs';
import { apiIntrospectionFile, apiSchemaFile, printApiSchemaFiles } from './apiSchemaFiles';

// `npm run api:schema -w @switchyard/registry`: rewrites the checked-in API schema from the code. The drift test
// (apiSchemaFiles.test.ts) fails until this has been run.
const files = printApiSchemaFiles();
writeFileSync(apiSchemaFile, files.sdl);
writeFileSync(apiIntrospectionFile, files.introspection);
console.log('wrote registry/src/api/schema.graphql and registry/src/cli/graphql-env.d.ts');
