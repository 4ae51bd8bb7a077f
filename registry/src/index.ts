export { type ConfigOverrides, loadConfig, type RegistryConfig, registrySettingNames } from './config';
export { createRegistry, type Registry } from './createRegistry';
export { ConfigError, ErrorCode, SwitchyardError } from './errors';
export { serveRegistry } from './serve';
export { RegistryProbePaths } from './server';
export { TokenScope } from './tokens/TokenScope';
export { type FoldResult, foldUsageInbox } from './usage/foldUsageInbox';
