import type { BaseContext } from '@switchyard/subgraph-kit';
import type { AccountLoaders } from './loaders/accountLoaders';

export interface AccountsContext extends BaseContext {
  loaders: AccountLoaders;
}
