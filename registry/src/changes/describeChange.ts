import type { Change } from '@graphql-inspector/core';
import { Criticality } from './types';

type Meta = Readonly<Record<string, unknown>>;

/** What a change's message must say beyond graphql-inspector's change itself. */
export interface ChangeDetails {
  /** The element was added with `@deprecated` (one change, not an addition plus a deprecation). Default false. */
  addedDeprecated?: boolean;
}

/** Writes one sentence for a change: what happened to `coordinate`, who it affects, and what to do about it. */
export function describeChange(
  change: Change,
  coordinate: string,
  criticality: Criticality,
  details: ChangeDetails = {},
): string {
  if (details.addedDeprecated) {
    return `${kindOf(change.type)} \`${coordinate}\` was added as deprecated; clients should not start using it.`;
  }
  const meta: Meta = change.meta ?? {};
  const at = `\`${coordinate}\``;
  const breaking = criticality === Criticality.BREAKING;
  const from = text(meta, /^old/);
  const to = text(meta, /^new/);
  const fromTo = from && to ? ` from \`${from}\` to \`${to}\`` : '';
  switch (change.type) {
    case 'FIELD_REMOVED':
      return meta.isRemovedFieldDeprecated === true
        ? `Deprecated field ${at} was removed; clients still selecting it will fail — make sure its usage is zero first.`
        : `Field ${at} was removed; clients selecting it will fail — deprecate it first and remove it once usage reaches zero.`;
    case 'FIELD_ADDED':
      return `Field ${at} was added; clients can start selecting it.`;
    case 'TYPE_ADDED':
      return `Type ${at} was added; clients can start using it once a field returns it.`;
    case 'TYPE_REMOVED':
      return `Type ${at} was removed; operations and fragments that name it will fail — deprecate the fields that return it first and remove it once usage reaches zero.`;
    case 'TYPE_KIND_CHANGED':
      return `Type ${at} changed kind${fromTo}; operations that use it will fail — add a new type instead and migrate clients to it.`;
    case 'FIELD_TYPE_CHANGED':
      return breaking
        ? `Field ${at} changed type${fromTo}; clients may fail to read it — add a new field with the new type and deprecate this one.`
        : `Field ${at} changed type${fromTo} in a compatible way; no client changes are needed.`;
    case 'FIELD_ARGUMENT_ADDED':
      return breaking
        ? `Required argument ${at} was added; operations that omit it will fail — make it optional or give it a default value.`
        : `Optional argument ${at} was added; clients can start passing it.`;
    case 'FIELD_ARGUMENT_REMOVED':
      return `Argument ${at} was removed; operations that pass it will fail — keep accepting it until its usage reaches zero.`;
    case 'FIELD_ARGUMENT_TYPE_CHANGED':
      return breaking
        ? `Argument ${at} changed type${fromTo}; operations passing the old type will fail — add a new argument and deprecate this one.`
        : `Argument ${at} changed type${fromTo} in a compatible way; no client changes are needed.`;
    case 'FIELD_ARGUMENT_DEFAULT_CHANGED':
    case 'INPUT_FIELD_DEFAULT_VALUE_CHANGED':
      return `The default value of ${at} changed${fromTo}; clients that omit it will get different results — tell its consumers before publishing.`;
    case 'INPUT_FIELD_ADDED':
      return breaking
        ? `Required input field ${at} was added; operations that omit it will fail — make it nullable or give it a default value.`
        : `Optional input field ${at} was added; clients can start passing it.`;
    case 'INPUT_FIELD_REMOVED':
      return `Input field ${at} was removed; operations that pass it will fail — keep accepting it until its usage reaches zero.`;
    case 'INPUT_FIELD_TYPE_CHANGED':
      return breaking
        ? `Input field ${at} changed type${fromTo}; operations passing the old type will fail — add a new input field and deprecate this one.`
        : `Input field ${at} changed type${fromTo} in a compatible way; no client changes are needed.`;
    case 'ENUM_VALUE_REMOVED':
      return `Enum value ${at} was removed; operations that pass it will fail — deprecate it first and remove it once usage reaches zero.`;
    case 'ENUM_VALUE_ADDED':
      return `Enum value ${at} was added; clients that handle every value explicitly may not expect it — make sure they tolerate unknown values.`;
    case 'UNION_MEMBER_ADDED':
      return `Type \`${text(meta, /MemberTypeName$/) ?? '?'}\` was added to union ${at}; clients that switch on \`__typename\` may not expect it — make sure they tolerate unknown members.`;
    case 'UNION_MEMBER_REMOVED':
      return `Type \`${text(meta, /MemberTypeName$/) ?? '?'}\` was removed from union ${at}; fragments on it will stop matching — check that clients no longer rely on it.`;
    case 'OBJECT_TYPE_INTERFACE_ADDED':
      return `Type ${at} now implements \`${text(meta, /InterfaceName$/) ?? '?'}\`; clients that switch on \`__typename\` for that interface may not expect it.`;
    case 'OBJECT_TYPE_INTERFACE_REMOVED':
      return `Type ${at} no longer implements \`${text(meta, /InterfaceName$/) ?? '?'}\`; fragments on that interface will stop matching it — check that clients no longer rely on it.`;
    case 'FIELD_DEPRECATION_ADDED':
      return `Field ${at} is now deprecated; clients should stop selecting it as its deprecation reason explains.`;
    case 'FIELD_DEPRECATION_REMOVED':
      return `Field ${at} is no longer deprecated; clients may keep selecting it.`;
  }
  if (change.type.includes('DESCRIPTION')) return `The description of ${at} changed; no client changes are needed.`;
  if (change.type.includes('DEPRECATION')) return `The deprecation of ${at} changed; check its deprecation reason.`;
  const advice = {
    [Criticality.BREAKING]: 'existing operations may fail — migrate clients before publishing',
    [Criticality.DANGEROUS]: 'existing clients may behave differently — tell its consumers before publishing',
    [Criticality.SAFE]: 'no client changes are needed',
  }[criticality];
  return `${at}: ${change.message.replace(/\.$/, '')}; ${advice}.`;
}

function kindOf(changeType: string): string {
  if (changeType.startsWith('ENUM_VALUE_')) return 'Enum value';
  if (changeType.startsWith('INPUT_FIELD_')) return 'Input field';
  if (changeType.startsWith('FIELD_ARGUMENT_')) return 'Argument';
  return 'Field';
}

function text(meta: Meta, key: RegExp): string | undefined {
  for (const [name, value] of Object.entries(meta)) {
    if (key.test(name) && (typeof value === 'string' || typeof value === 'number')) return String(value);
  }
  return undefined;
}
