export { VERTEX_API_VERSION } from './client';
export type { VertexCredentialKind } from './errors';
export { createVertexProvider, type VertexProviderOptions } from './provider';
