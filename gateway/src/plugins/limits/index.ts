export { createLimitsStep, type Limits, type LimitsStep, limitsParseOptions } from './limitsStep';
export { measureOperation, type OperationShape } from './measureOperation';
