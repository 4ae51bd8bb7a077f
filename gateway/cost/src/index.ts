export { CostModelError, CostModelErrorCode } from './CostModelError';
export {
  type CostInput,
  calculateCost,
  calculateIntrospectionCost,
  findSizedFieldSizes,
  hasIntrospectionFields,
  INTROSPECTION_LIST_SIZE,
  isIntrospectionField,
  MAX_ESTIMATED_NODES,
} from './calculateCost';
export { CostDefaults } from './costDefaults';
export { buildCostModel, type CostModel, type ListSize } from './costModel';
export {
  argumentsCost,
  CONVENTIONAL_SIZED_FIELDS,
  CONVENTIONAL_SLICING_ARGUMENTS,
  fieldWeight,
  listSizeOf,
  MUTATION_ROOT_FIELD_WEIGHT,
  readConventionalSize,
  readSlicingArguments,
} from './costWeights';
export {
  findLinkedDirectiveNames,
  isRecord,
  LinkedSpec,
  readArguments,
  readLinkedDirectives,
} from './findLinkedDirectiveNames';
