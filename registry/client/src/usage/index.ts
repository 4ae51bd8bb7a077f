export * from './contract';
export * from './validateUsageReport';
