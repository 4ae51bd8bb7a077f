export { applyUnauthorizedNulls } from './applyUnauthorizedNulls';
export { type AuthorizationModel, buildAuthorizationModel, type Requirement, satisfies } from './authorizationModel';
export { findUnauthorizedSelections, type UnauthorizedSelection } from './findUnauthorizedSelections';
export type { AuthorizationPluginOptions } from './options';
export { createAuthorizationPlugin } from './plugin';
export { prepareSupergraphForGateway } from './prepareSupergraphForGateway';
