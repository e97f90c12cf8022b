export {
  type BatchClientOptions,
  type CreatedJob,
  type CreateJobError,
  createGeminiBatchClient,
  type GeminiBatchClient,
  type JobCounts,
  type JobSnapshot,
  type ListedJob,
} from './client';
export { type BatchRequest, buildBatchRequest, DEFAULT_INLINE_LIMIT_BYTES, toJsonlLine } from './requests';
export { type BatchItem, mapBatchItem } from './results';
