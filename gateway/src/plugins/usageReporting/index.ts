export { createOperationAnalyzer, type OperationAnalysis, type OperationAnalyzer } from './analyzeOperation';
export { collectCoordinates, collectVariableCoordinates, type OperationCoordinates } from './collectCoordinates';
export { backoffDelay, createUsageReporter, type UsageReporter } from './createUsageReporter';
export { type NormalizedOperation, normalizeOperation } from './normalizeOperation';
export type { UsageReportingOptions } from './options';
export { buildSubgraphOwnership, findSubgraphs, type SubgraphOwnership } from './subgraphOwnership';
export { type OperationMeta, UsageBuffer } from './usageBuffer';
export { createUsageRecorder, type FinishedRequest, type UsageRecorder } from './usageRecorder';
