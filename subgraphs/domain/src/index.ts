export * as domainSeed from './domainSeed';
export { createRandom, type Random } from './random';
