import { configDefaults, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

// gateway/cost is its own workspace (@switchyard/cost-model) and runs its own tests.
export default mergeConfig(shared, { test: { exclude: [...configDefaults.exclude, 'cost/**'] } });
