export { type ConfigOverrides, loadConfig, type RegistryConfig } from './config';
export { createRegistry, type Registry } from './createRegistry';
export { ConfigError, ErrorCode, SwitchyardError } from './errors';
export { serveRegistry } from './serve';
export { TokenScope } from './tokens/TokenScope';
