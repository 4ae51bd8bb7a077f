export { type ConfigOverrides, loadConfig, type RegistryConfig, registrySettingNames } from './loadConfig';
