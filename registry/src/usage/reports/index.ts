export { type ClientUsage, clientUsage } from './clientUsage';
export { type ClientVersionUsage, clientFields, clientFieldsByClient, clientVersionUsage } from './clientVersionUsage';
export { type CoordinateUsage, type CoordinateUsageInput, coordinateUsage } from './coordinateUsage';
export { type DeprecatedFieldInUse, deprecatedFieldsInUse } from './deprecatedFieldsInUse';
export { type FieldUsage, fieldUsage } from './fieldUsage';
export {
  clientKey,
  latencyPercentile,
  type OperationUsage,
  type OperationUsageInput,
  operationUsage,
  operationUsageByClient,
} from './operationUsage';
export { maxUsageRangeDays, parseDuration, parseUsageWindow } from './parseUsageWindow';
export { CoordinateKind, listSchemaCoordinates, type SchemaCoordinate } from './schemaCoordinates';
export { type SubgraphVolume, subgraphVolume } from './subgraphVolume';
export { computeTrend, forecastZeroDate, type Trend, TrendDirection, type UsageForecast } from './trend';
export { unusedFields } from './unusedFields';
export { type UsagePoint, type UsageSeriesInput, usageSeries } from './usageSeries';
export { previousWindow, type UsageWindow } from './usageWindow';
