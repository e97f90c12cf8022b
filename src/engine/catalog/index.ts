export * from './catalog';
export * from './live-check';
export * from './overrides';
export type * from './types';
