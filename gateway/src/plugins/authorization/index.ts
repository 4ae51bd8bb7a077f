export { applyUnauthorizedNulls } from './applyUnauthorizedNulls';
export { type AuthorizationModel, buildAuthorizationModel, type Requirement, satisfies } from './authorizationModel';
export { type Access, type AuthorizationStep, createAuthorizationStep } from './authorizationStep';
export { findUnauthorizedSelections, type UnauthorizedSelection } from './findUnauthorizedSelections';
export { prepareSupergraphForGateway } from './prepareSupergraphForGateway';
