export { createApiKeyLookup } from './apiKeys';
export { type Authenticator, createAuthenticator } from './createAuthenticator';
export { resolveClient } from './resolveClient';
export { createJwtVerifier, type JwtVerifier, readScopes } from './verifyJwt';
