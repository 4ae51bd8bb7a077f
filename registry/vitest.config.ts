import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

// registry/client is its own workspace with its own tests.
export default mergeConfig(shared, defineConfig({ test: { exclude: [...configDefaults.exclude, 'client/**'] } }));
