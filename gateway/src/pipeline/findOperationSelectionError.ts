import { type DocumentNode, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import { SwitchyardError } from '../errors';

/**
 * Why the request names no runnable operation, or undefined when it does. Apollo leaves `operation` unset for an
 * unknown or missing `operationName` and lets the gateway's executor throw (a 500); this answers the client's
 * mistake instead. `@apollo/gateway` cannot execute subscriptions, and an operation whose root type the schema
 * lacks cannot be planned.
 */
export function findOperationSelectionError(
  document: DocumentNode,
  operationName: string | null | undefined,
  operation: OperationDefinitionNode | undefined,
  schema: GraphQLSchema,
): SwitchyardError | undefined {
  if (!operation) {
    const names = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? null] : [],
    );
    if (operationName != null) {
      return new SwitchyardError(
        'OPERATION_NAME_NOT_FOUND',
        `The document has no operation named ${JSON.stringify(operationName)}.`,
        { operations: names },
      );
    }
    return new SwitchyardError(
      'OPERATION_NAME_REQUIRED',
      `The document has ${names.length} operations; send operationName to choose one.`,
      { operations: names },
    );
  }
  if (operation.operation === 'subscription') {
    return new SwitchyardError('OPERATION_TYPE_NOT_SUPPORTED', 'The gateway does not serve subscriptions.');
  }
  if (!schema.getRootType(operation.operation)) {
    return new SwitchyardError('OPERATION_TYPE_NOT_SUPPORTED', `The schema has no ${operation.operation} type.`);
  }
  return undefined;
}
