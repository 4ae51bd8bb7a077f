export {
  anonymous,
  type CallerIdentity,
  GATEWAY_ISSUER,
  IDENTITY_TOKEN_HEADER,
  MAX_IDENTITY_TOKEN_LIFETIME_S,
  stringClaim,
  UnsignedIdentityHeader,
} from './callerIdentity';
export { IDENTITY_ALGORITHMS, loadPrivateKey, loadPublicKey } from './identityKeys';
export { requireUser, withRefusal } from './requireUser';
export { createServiceTokenSigner, type ServiceTokenSigner } from './signServiceToken';
export { createIdentityReader, type IdentityReader, type IdentitySettings } from './verifyIdentity';
