export {
  type BatchClientOptions,
  type CreatedJob,
  createGeminiBatchClient,
  type GeminiBatchClient,
  type JobCounts,
  type JobSnapshot,
} from './client';
export { type BatchRequest, buildBatchRequest, DEFAULT_INLINE_LIMIT_BYTES, toJsonlLine } from './requests';
export { type BatchItem, mapBatchItem } from './results';
