/**
 * The Gemini Batch API through @google/genai: create a job (inlined requests, or an uploaded
 * JSONL file when they are too large to inline), read its state and answers, find a job by its
 * display name. Every failure is a value, and every message is scrubbed of the API key.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchJob, GoogleGenAI, InlinedRequest } from '@google/genai';
import type { ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import { captureBody } from '../capture-body';
import { providerErrorFromThrown } from '../gemini/errors';
import { redactSecrets } from '../redact';
import { type BatchRequest, inlinedSizeBytes, toInlinedRequest, toJsonlLine } from './requests';
import { type BatchItem, itemsFromJsonl, itemsFromOperation } from './results';

export interface BatchClientOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  apiVersion?: string | undefined;
}

export interface CreateJobInput {
  model: string;
  displayName: string;
  requests: BatchRequest[];
  /** Inlined requests larger than this go through an uploaded JSONL file instead. */
  inlineLimitBytes: number;
  /** The create call gives up after this long; the job may then exist all the same. */
  timeoutMs?: number;
}

/**
 * A create that failed. `maybeCreated`: no answer came (timeout, connection cut) or the server
 * failed mid-way (408/5xx), so the job may exist at Google all the same; look it up by display
 * name before sending the same requests again.
 */
export type CreateJobError = ProviderError & { maybeCreated: boolean };

/** A job as the list shows it. */
export interface ListedJob {
  name: string;
  state: string;
  createTime?: string;
}

export interface CreatedJob {
  name: string;
  source: 'inline' | 'file';
  inputFile?: string;
}

export interface JobCounts {
  requestCount?: number;
  successful?: number;
  failed?: number;
  pending?: number;
}

export interface JobSnapshot {
  name: string;
  /** The SDK's JobState, e.g. JOB_STATE_RUNNING. */
  state: string;
  /** The job will not change any more (succeeded, failed, cancelled or expired). */
  done: boolean;
  /** It has answers to read (inlined, or in `responsesFile`). */
  succeeded: boolean;
  displayName?: string;
  model?: string;
  createTime?: string;
  updateTime?: string;
  counts: JobCounts;
  inlined?: Map<string, BatchItem>;
  responsesFile?: string;
  error?: string;
}

export interface GeminiBatchClient {
  create(input: CreateJobInput): Promise<Result<CreatedJob, CreateJobError>>;
  get(name: string, signal?: AbortSignal): Promise<Result<JobSnapshot, ProviderError>>;
  /**
   * Every job (all pages) whose display name is one of `displayNames`, oldest first: finds a job
   * whose create was cut off, and any job sent twice under the same name. The Gemini API's list
   * has no filter (the SDK refuses one outside Vertex), so every page is read.
   */
  listByDisplayName(
    displayNames: ReadonlySet<string>,
  ): Promise<Result<Map<string, ListedJob[]>, ProviderError>>;
  cancel(name: string): Promise<Result<void, ProviderError>>;
  readResponsesFile(fileName: string): Promise<Result<Map<string, BatchItem>, ProviderError>>;
}

const DONE_STATES = new Set([
  'JOB_STATE_SUCCEEDED',
  'JOB_STATE_PARTIALLY_SUCCEEDED',
  'JOB_STATE_FAILED',
  'JOB_STATE_CANCELLED',
  'JOB_STATE_EXPIRED',
]);
const ANSWERED_STATES = new Set(['JOB_STATE_SUCCEEDED', 'JOB_STATE_PARTIALLY_SUCCEEDED']);

const toCount = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** `batchStats` is not mapped by the SDK (2.32); it is read from the captured body. */
function countsOf(raw: unknown): JobCounts {
  const metadata = (raw as { metadata?: { batchStats?: Record<string, unknown> } } | undefined)?.metadata;
  const stats = metadata?.batchStats ?? {};
  const counts: JobCounts = {};
  const set = (field: keyof JobCounts, value: unknown) => {
    const n = toCount(value);
    if (n !== undefined) counts[field] = n;
  };
  set('requestCount', stats.requestCount);
  set('successful', stats.successfulRequestCount);
  set('failed', stats.failedRequestCount);
  set('pending', stats.pendingRequestCount);
  return counts;
}

export function createGeminiBatchClient(options: BatchClientOptions): GeminiBatchClient {
  const apiKey = options.apiKey.trim();
  const apiVersion = options.apiVersion ?? 'v1beta';
  const secrets = [...new Set([options.apiKey, apiKey])].filter((secret) => secret !== '');
  let client: Promise<GoogleGenAI> | undefined;
  const connect = (): Promise<GoogleGenAI> => {
    client ??= import('@google/genai').then(
      ({ GoogleGenAI }) =>
        new GoogleGenAI({
          vertexai: false,
          apiKey,
          apiVersion,
          ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
        }),
    );
    return client;
  };
  /** Runs one SDK step; whatever it throws becomes a redacted ProviderError. */
  const attempt = async <T>(model: string, what: string, step: (ai: GoogleGenAI) => Promise<T>) => {
    try {
      return ok(await step(await connect()));
    } catch (thrown) {
      const status = (thrown as { status?: unknown }).status;
      const error: ProviderError =
        status === 404
          ? { code: 'invalid_input', message: 'Gemini does not know it (404)', retryable: false }
          : providerErrorFromThrown(thrown, { model, apiVersion, aborted: false });
      return err<ProviderError>({ ...error, message: redactSecrets(`${what}: ${error.message}`, secrets) });
    }
  };

  return {
    async create(input) {
      const useFile = inlinedSizeBytes(input.requests) > input.inlineLimitBytes;
      let inputFile: string | undefined;
      if (useFile) {
        const jsonl = `${input.requests.map(toJsonlLine).join('\n')}\n`;
        const uploaded = await attempt(input.model, 'uploading the batch input file', (ai) =>
          ai.files.upload({
            file: new Blob([jsonl], { type: 'application/jsonl' }),
            config: { mimeType: 'application/jsonl', displayName: input.displayName },
          }),
        );
        // Nothing is created (or paid) by an upload alone: sending it again is safe.
        if (!uploaded.ok) return err({ ...uploaded.error, maybeCreated: false });
        inputFile = uploaded.value.name;
        if (!inputFile)
          return err({
            code: 'bad_response',
            message: 'the uploaded batch file has no name',
            maybeCreated: false,
          });
      }
      let answeredStatus: number | undefined;
      const created = await attempt(input.model, `creating a batch job for ${input.model}`, async (ai) => {
        try {
          return await ai.batches.create({
            model: input.model,
            // Wire strings (HARM_CATEGORY_*, HIGH, ...) are the SDK's enum values.
            src: inputFile ?? (input.requests.map(toInlinedRequest) as InlinedRequest[]),
            config: {
              displayName: input.displayName,
              ...(input.timeoutMs !== undefined ? { httpOptions: { timeout: input.timeoutMs } } : {}),
            },
          });
        } catch (thrown) {
          const status = (thrown as { status?: unknown }).status;
          if (typeof status === 'number') answeredStatus = status;
          throw thrown;
        }
      });
      if (!created.ok) {
        const maybeCreated = answeredStatus === undefined || answeredStatus === 408 || answeredStatus >= 500;
        return err({ ...created.error, maybeCreated });
      }
      const name = created.value.name;
      // Created, but unnamed: it can only be found again by its display name.
      if (!name)
        return err({
          code: 'bad_response',
          message: 'Gemini created a batch job without a name',
          maybeCreated: true,
        });
      return ok({ name, source: inputFile ? 'file' : 'inline', ...(inputFile ? { inputFile } : {}) });
    },

    async get(name, signal) {
      const raw = captureBody();
      const got = await attempt('', `reading batch job ${name}`, (ai) =>
        ai.batches.get({
          name,
          config: { httpOptions: { fetch: raw.fetch }, ...(signal ? { abortSignal: signal } : {}) },
        }),
      );
      if (!got.ok) return got;
      return ok(snapshotOf(name, got.value, raw.json(), secrets));
    },

    async listByDisplayName(displayNames) {
      return attempt('', 'listing batch jobs', async (ai) => {
        const found = new Map<string, ListedJob[]>();
        // Wire shape (SDK 2.32.0 listBatchJobsResponseFromMldev, read 2026-12-02): GET batches
        // ?pageSize&pageToken answers `operations[]`, each with metadata.displayName/createTime/state.
        const pager = await ai.batches.list({ config: { pageSize: 100 } });
        for await (const job of pager) {
          if (!job.name || job.displayName === undefined || !displayNames.has(job.displayName)) continue;
          const listed: ListedJob = {
            name: job.name,
            state: String(job.state ?? 'JOB_STATE_UNSPECIFIED'),
            ...(job.createTime ? { createTime: job.createTime } : {}),
          };
          found.set(job.displayName, [...(found.get(job.displayName) ?? []), listed]);
        }
        // The list comes newest first: reversed, then ordered by creation time (stable). Times
        // are RFC 3339 with 0-9 fraction digits (ai.google.dev/api/batch-api), so compared parsed.
        const at = (job: ListedJob) => Date.parse(job.createTime ?? '') || 0;
        for (const [displayName, jobs] of found)
          found.set(
            displayName,
            jobs.reverse().sort((a, b) => at(a) - at(b)),
          );
        return found;
      });
    },

    async cancel(name) {
      return attempt('', `cancelling batch job ${name}`, async (ai) => {
        await ai.batches.cancel({ name });
      });
    },

    async readResponsesFile(fileName) {
      return attempt('', `downloading the batch results ${fileName}`, async (ai) => {
        const dir = await mkdtemp(join(tmpdir(), 'peel-batch-'));
        try {
          const downloadPath = join(dir, 'responses.jsonl');
          await ai.files.download({ file: fileName, downloadPath });
          return itemsFromJsonl(await readFile(downloadPath, 'utf8'));
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    },
  };
}

function snapshotOf(name: string, job: BatchJob, raw: unknown, secrets: string[]): JobSnapshot {
  const state = String(job.state ?? 'JOB_STATE_UNSPECIFIED');
  const inlined = itemsFromOperation(raw);
  const sdkInlined = job.dest?.inlinedResponses;
  const fallback =
    !inlined && sdkInlined
      ? itemsFromOperation({
          metadata: { output: { inlinedResponses: { inlinedResponses: sdkInlined } } },
        })
      : undefined;
  const items = inlined ?? fallback;
  // A failed operation carries a google.rpc.Status in `error`, which the SDK does not map for Gemini.
  const rawError = (raw as { error?: { message?: unknown } } | undefined)?.error?.message;
  const errorText = job.error?.message ?? (typeof rawError === 'string' ? rawError : undefined);
  return {
    name: job.name ?? name,
    state,
    done: DONE_STATES.has(state),
    succeeded: ANSWERED_STATES.has(state),
    ...(job.displayName ? { displayName: job.displayName } : {}),
    ...(job.model ? { model: job.model.replace(/^models\//, '') } : {}),
    ...(job.createTime ? { createTime: job.createTime } : {}),
    ...(job.updateTime ? { updateTime: job.updateTime } : {}),
    counts: countsOf(raw),
    ...(items ? { inlined: items } : {}),
    ...(job.dest?.fileName ? { responsesFile: job.dest.fileName } : {}),
    ...(errorText ? { error: redactSecrets(errorText, secrets) } : {}),
  };
}
