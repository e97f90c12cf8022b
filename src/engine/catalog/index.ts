export * from './catalog';
export * from './overrides';
export type * from './types';
