export { createFreshDatabase, createTestStorage, storageBackends } from './testDatabase';
export {
  createTestGateway,
  generateIdentityKeyPair,
  signTestIdentityToken,
  type TestTokenOptions,
} from './testIdentity';
