export { createApiKeyLookup } from './apiKeys';
export { addressBudgetKey, type CallerAddress, createCallerAddress } from './callerAddress';
export { type Authenticator, createAuthenticator } from './createAuthenticator';
export { resolveClient } from './resolveClient';
export { createJwtVerifier, type JwtVerifier, readScopes } from './verifyJwt';
