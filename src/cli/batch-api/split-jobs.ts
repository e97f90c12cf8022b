/**
 * A list of batch requests -> several Batch API jobs, each within Google's limits and Peel's own.
 *
 * Google's figures (read 2026-12-02):
 * - inline requests: the whole create request under 20 MB; larger goes through an input JSONL file
 *   (https://ai.google.dev/gemini-api/docs/batch-api, "Creating a batch job");
 * - input file: 2 GB at most; file storage 20 GB per project; 100 concurrent batch jobs per project
 *   (https://ai.google.dev/gemini-api/docs/rate-limits, "Batch API" section, as summarised on
 *   aicheckerhub.com's March 2026 guide and rate-limits.apis.io);
 * - no per-job request count is published for the Gemini API.
 *
 * Peel's own cap on requests per job (500 by default) bounds what one job's answers weigh when
 * they are collected (each image answer is 1-2 MB of base64) and what an expired job loses.
 */
import { type BatchRequest, toJsonlLine } from '../../providers/gemini-batch';

export interface JobLimits {
  /** Requests in one job. */
  maxRequests: number;
  /** Bytes of one job's input (as a JSONL file, the larger of the two forms). */
  maxBytes: number;
}

/** Google's input file limit is 2 GB; a margin keeps the upload clear of it. */
export const DEFAULT_MAX_JOB_BYTES = 1_900_000_000;
export const DEFAULT_MAX_REQUESTS_PER_JOB = 500;
/** Google's limit of concurrent batch jobs per project. */
export const DEFAULT_MAX_OPEN_JOBS = 100;

/** The requests one unit of work (one model node) sends: they always travel in the same job. */
export interface RequestGroup<T> {
  owner: T;
  requests: BatchRequest[];
}

export interface PlannedJob<T> {
  owners: T[];
  requests: BatchRequest[];
  bytes: number;
}

const lineBytes = (request: BatchRequest): number =>
  new TextEncoder().encode(toJsonlLine(request)).length + 1;

/**
 * Packs the groups, in order, into as few jobs as the limits allow. A group is never split (its
 * answers are applied together); a group that alone passes a limit gets a job of its own.
 */
export function splitIntoJobs<T>(groups: readonly RequestGroup<T>[], limits: JobLimits): PlannedJob<T>[] {
  const jobs: PlannedJob<T>[] = [];
  let current: PlannedJob<T> | undefined;
  for (const group of groups) {
    const bytes = group.requests.reduce((sum, request) => sum + lineBytes(request), 0);
    const fits =
      current !== undefined &&
      current.requests.length + group.requests.length <= limits.maxRequests &&
      current.bytes + bytes <= limits.maxBytes;
    if (!fits) {
      current = { owners: [], requests: [], bytes: 0 };
      jobs.push(current);
    }
    const job = current as PlannedJob<T>;
    job.owners.push(group.owner);
    job.requests.push(...group.requests);
    job.bytes += bytes;
  }
  return jobs;
}
