export { countTokens } from './countTokens';
export { measureOperation, type OperationShape } from './measureOperation';
export type { LimitsPluginOptions } from './options';
export { createLimitsPlugin } from './plugin';
