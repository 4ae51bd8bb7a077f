// The naming rule is part of the wire contract (usage reports carry names), owned by @switchyard/registry-client.
export {
  describeInvalidName,
  isValidName,
  NAME_MAX_LENGTH,
  NAME_RULE,
  type NameKind,
} from '@switchyard/registry-client';
