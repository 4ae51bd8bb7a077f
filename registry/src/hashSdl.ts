// The hash behind supergraph ETags, shared with the gateway's supergraph client.
export { hashSdl } from '@switchyard/registry-client';
