import { isRecord } from '@switchyard/cost-model';
import {
  type GraphQLFormattedError,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNullableType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { ErrorCode } from '../../errors';
import { PLACEHOLDER_KEY, type UnauthorizedSelection } from './findUnauthorizedSelections';

/** Errors reported per response; the data is still nulled everywhere. */
export const MAX_AUTHORIZATION_ERRORS = 100;

/**
 * Puts `null` where the removed fields would have been, with one `UNAUTHORIZED_FIELD_OR_TYPE` error per path,
 * propagating nulls through non-null fields as GraphQL execution would; strips the `__typename` placeholders.
 * Mutates and returns `data` (or `null` when the null reached the root). `stripPlaceholders: false` leaves the
 * placeholders to a walk the caller makes anyway (the actual cost strips them as it goes), so the response is walked
 * once.
 */
export function applyUnauthorizedNulls(
  schema: GraphQLSchema,
  data: Record<string, unknown>,
  unauthorized: readonly UnauthorizedSelection[],
  { stripPlaceholders: strip = true }: { stripPlaceholders?: boolean } = {},
): { data: Record<string, unknown> | null; errors: GraphQLFormattedError[] } {
  const errors: GraphQLFormattedError[] = [];
  const addError = (selection: UnauthorizedSelection, path: Array<string | number>) => {
    if (errors.length >= MAX_AUTHORIZATION_ERRORS) return;
    errors.push({
      message: selection.message,
      ...(path.length > 0 ? { path } : {}),
      extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE, coordinate: selection.coordinate },
    });
  };
  const applies = (object: Record<string, unknown>, typeCondition: string | undefined) => {
    if (!typeCondition) return true;
    // The placeholder sits in every selection set that lost a selection, so its absence means the fragment did not apply.
    const typename = object[PLACEHOLDER_KEY];
    if (typeof typename !== 'string') return false;
    if (typename === typeCondition) return true;
    const condition = schema.getType(typeCondition);
    const runtime = schema.getType(typename);
    return Boolean(
      condition &&
        runtime &&
        isAbstractType(condition) &&
        isObjectType(runtime) &&
        schema.isSubType(condition, runtime),
    );
  };

  let root: Record<string, unknown> | null = data;
  for (const selection of unauthorized) {
    const { steps } = selection;
    // Returns true when `object` itself must become null.
    const nullOut = (object: unknown, i: number, path: Array<string | number>): boolean => {
      if (!isRecord(object)) return false;
      if (i === steps.length) {
        if (selection.fragmentType && applies(object, selection.fragmentType)) addError(selection, path);
        return false;
      }
      const step = steps[i];
      if (!step) return false;
      const last = i === steps.length - 1 && !selection.fragmentType;
      if (last) {
        if (!applies(object, step.typeCondition)) return false;
        object[step.key] = null;
        addError(selection, [...path, step.key]);
        return isNonNullType(step.type);
      }
      if (!(step.key in object)) return false;
      if (!nullInValue(object[step.key], step.type, i + 1, [...path, step.key])) return false;
      object[step.key] = null;
      return isNonNullType(step.type);
    };
    const nullInValue = (value: unknown, type: GraphQLOutputType, i: number, path: Array<string | number>): boolean => {
      if (value === null || value === undefined) return false;
      const nullable = getNullableType(type);
      if (isListType(nullable) && Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1) {
          if (!nullInValue(value[index], nullable.ofType, i, [...path, index])) continue;
          if (isNonNullType(nullable.ofType)) return true;
          value[index] = null;
        }
        return false;
      }
      return nullOut(value, i, path);
    };
    if (root && nullOut(root, 0, [])) root = null;
  }
  if (root && strip) stripPlaceholders(root);
  return { data: root, errors };
}

function stripPlaceholders(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripPlaceholders(item);
  } else if (isRecord(value)) {
    delete value[PLACEHOLDER_KEY];
    for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) stripPlaceholders(child);
  }
}
