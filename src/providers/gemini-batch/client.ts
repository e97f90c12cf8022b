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
  create(input: CreateJobInput): Promise<Result<CreatedJob, ProviderError>>;
  get(name: string, signal?: AbortSignal): Promise<Result<JobSnapshot, ProviderError>>;
  /** The newest job with this display name, if any (to recover a job whose creation was cut off). */
  findByDisplayName(displayName: string): Promise<Result<string | undefined, ProviderError>>;
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
        if (!uploaded.ok) return uploaded;
        inputFile = uploaded.value.name;
        if (!inputFile) return err({ code: 'bad_response', message: 'the uploaded batch file has no name' });
      }
      const created = await attempt(input.model, `creating a batch job for ${input.model}`, (ai) =>
        ai.batches.create({
          model: input.model,
          // Wire strings (HARM_CATEGORY_*, HIGH, ...) are the SDK's enum values.
          src: inputFile ?? (input.requests.map(toInlinedRequest) as InlinedRequest[]),
          config: { displayName: input.displayName },
        }),
      );
      if (!created.ok) return created;
      const name = created.value.name;
      if (!name) return err({ code: 'bad_response', message: 'Gemini created a batch job without a name' });
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

    async findByDisplayName(displayName) {
      return attempt('', 'listing batch jobs', async (ai) => {
        const pager = await ai.batches.list({ config: { pageSize: 100 } });
        for await (const job of pager) if (job.displayName === displayName && job.name) return job.name;
        return undefined;
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
