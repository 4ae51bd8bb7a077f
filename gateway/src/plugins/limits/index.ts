export { measureOperation, type OperationShape } from './measureOperation';
export type { LimitsPluginOptions } from './options';
export { createLimitsPlugin, limitsParseOptions } from './plugin';
