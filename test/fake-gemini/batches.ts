/** Batch API: jobs go PENDING -> RUNNING -> SUCCEEDED over successive GETs (done on the 2nd). */
import { entityNotFound, invalidArgument, modelNotFound, type RpcError } from './errors';
import type { FaultQueue } from './faults';
import { type FileStore, fileNotFound } from './files';
import { isoNow, newId } from './ids';
import { asArray, asRecord, asString, type Json } from './json';
import { findModel } from './models';
import { decideGenerate } from './outcome';
import type { RecordedRequest } from './types';

const INLINE_LIMIT_BYTES = 20 * 1024 * 1024;

type BatchState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

interface BatchItem {
  key?: string;
  metadata?: Json;
  request?: unknown;
  /** Set when an input line could not be read. */
  error?: Json;
}

interface BatchJob {
  id: string;
  model: string;
  apiVersion: string;
  apiKey?: string;
  displayName?: string;
  state: BatchState;
  createTime: string;
  updateTime: string;
  endTime?: string;
  gets: number;
  inputConfig: Json;
  inputFile?: string;
  items: BatchItem[];
  output?: Json;
  stats: Json;
}

/** HTTP status to google.rpc.Code, as batch results carry google.rpc.Status. */
const GRPC_CODE: Record<number, number> = {
  400: 3,
  403: 7,
  404: 5,
  409: 6,
  429: 8,
  500: 13,
  503: 14,
  504: 4,
};

function rpcStatus(err: RpcError): Json {
  const { message, details } = err.body.error;
  return { code: GRPC_CODE[err.status] ?? 2, message, ...(details ? { details } : {}) };
}

export class BatchStore {
  private jobs = new Map<string, BatchJob>();

  constructor(
    private readonly files: FileStore,
    private readonly faults: FaultQueue,
  ) {}

  clear(): void {
    this.jobs.clear();
  }

  create(
    modelId: string,
    apiVersion: string,
    body: unknown,
    apiKey?: string,
    bodyBytes = 0,
  ): { status: number; body: unknown } {
    if (!findModel(modelId)) return modelNotFound(modelId, apiVersion, 'batchGenerateContent');
    // Google: inline requests must keep the create request under 20 MB (docs/batch-api, read
    // 2026-12-02); the error text is Google's generic payload-size message (not seen for batches).
    if (bodyBytes > INLINE_LIMIT_BYTES)
      return invalidArgument(`Request payload size exceeds the limit: ${INLINE_LIMIT_BYTES} bytes.`);
    const batch = asRecord(asRecord(body).batch);
    const inputConfig = asRecord(batch.inputConfig);
    const fileName = asString(inputConfig.fileName);
    let items: BatchItem[];
    if (fileName) {
      const file = this.files.get(fileName);
      if (!file) return fileNotFound(fileName.replace(/^files\//, ''));
      items = file.bytes
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((line, i) => {
          try {
            const parsed = asRecord(JSON.parse(line));
            return { key: asString(parsed.key), request: parsed.request };
          } catch {
            return {
              key: String(i),
              error: { code: 3, message: `Invalid JSON on line ${i + 1} of ${fileName}.` },
            };
          }
        });
    } else {
      items = asArray(asRecord(inputConfig.requests).requests).map((r) => ({
        request: asRecord(r).request,
        metadata: asRecord(asRecord(r).metadata),
      }));
    }
    if (items.length === 0) {
      return invalidArgument(
        '* BatchGenerateContentRequest.batch.input_config: input_config must contain requests.\n',
      );
    }
    const now = isoNow();
    const job: BatchJob = {
      id: newId(36),
      model: modelId,
      apiVersion,
      apiKey,
      displayName: asString(batch.displayName),
      state: 'PENDING',
      createTime: now,
      updateTime: now,
      gets: 0,
      inputConfig,
      inputFile: fileName,
      items,
      stats: { requestCount: String(items.length), pendingRequestCount: String(items.length) },
    };
    this.jobs.set(job.id, job);
    return { status: 200, body: this.operation(job) };
  }

  get(id: string): { status: number; body: unknown } {
    const job = this.jobs.get(id);
    if (!job) return entityNotFound();
    job.gets++;
    if (job.state === 'PENDING') this.setState(job, 'RUNNING');
    else if (job.state === 'RUNNING') this.run(job);
    return { status: 200, body: this.operation(job) };
  }

  list(query: URLSearchParams): { status: number; body: unknown } {
    const all = [...this.jobs.values()].reverse();
    const size = Math.max(1, Math.min(1000, Number(query.get('pageSize') ?? 50) || 50));
    const start = Number(query.get('pageToken') ?? 0) || 0;
    const operations = all.slice(start, start + size).map((j) => this.operation(j));
    const next = start + size < all.length ? { nextPageToken: String(start + size) } : {};
    return { status: 200, body: operations.length > 0 ? { operations, ...next } : {} };
  }

  cancel(id: string): { status: number; body: unknown } {
    const job = this.jobs.get(id);
    if (!job) return entityNotFound();
    if (job.state === 'PENDING' || job.state === 'RUNNING') {
      this.setState(job, 'CANCELLED');
      job.endTime = job.updateTime;
    }
    return { status: 200, body: {} };
  }

  remove(id: string): { status: number; body: unknown } {
    return this.jobs.delete(id) ? { status: 200, body: {} } : entityNotFound();
  }

  private setState(job: BatchJob, state: BatchState): void {
    job.state = state;
    job.updateTime = isoNow();
  }

  /** Answers every request with the same logic (and faults) as generateContent. */
  private run(job: BatchJob): void {
    let ok = 0;
    const results = job.items.map((item, i) => {
      if (item.error) return { error: item.error };
      const recorded: RecordedRequest = {
        method: 'POST',
        path: `/${job.apiVersion}/models/${job.model}:batchGenerateContent`,
        model: job.model,
        apiKey: job.apiKey,
        body: item.request,
        receivedAt: Date.now(),
      };
      const outcome = decideGenerate({
        modelId: job.model,
        apiVersion: job.apiVersion,
        rpc: 'BatchGenerateContent',
        body: item.request,
        recorded,
        faults: this.faults,
      });
      if (outcome.kind === 'ok') {
        ok++;
        return { response: outcome.answer.body };
      }
      if (outcome.kind === 'hang') return { error: { code: 4, message: `Request ${i} timed out.` } };
      if (outcome.kind === 'raw') return { error: { code: 13, message: outcome.body } };
      return { error: rpcStatus(outcome.error) };
    });
    if (job.inputFile) {
      const lines = results.map((r, i) => JSON.stringify({ key: job.items[i]?.key ?? String(i), ...r }));
      const file = this.files.add(
        `batch-${job.id}`,
        Buffer.from(`${lines.join('\n')}\n`),
        'application/jsonl',
        {
          source: 'GENERATED',
          displayName: `batch-${job.id}`,
        },
      );
      job.output = { responsesFile: file.resource.name };
    } else {
      const inlined = results.map((r, i) => ({ ...r, metadata: job.items[i]?.metadata ?? {} }));
      job.output = { inlinedResponses: { inlinedResponses: inlined } };
    }
    const failed = results.length - ok;
    job.stats = {
      requestCount: String(results.length),
      ...(ok > 0 ? { successfulRequestCount: String(ok) } : {}),
      ...(failed > 0 ? { failedRequestCount: String(failed) } : {}),
    };
    this.setState(job, 'SUCCEEDED');
    job.endTime = job.updateTime;
  }

  private operation(job: BatchJob): Json {
    const done = job.state !== 'PENDING' && job.state !== 'RUNNING';
    const metadata: Json = {
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
      model: `models/${job.model}`,
      ...(job.displayName !== undefined ? { displayName: job.displayName } : {}),
      ...(job.inputFile ? { inputConfig: { fileName: job.inputFile } } : {}),
      createTime: job.createTime,
      updateTime: job.updateTime,
      ...(job.endTime ? { endTime: job.endTime } : {}),
      batchStats: job.stats,
      state: `BATCH_STATE_${job.state}`,
      name: `batches/${job.id}`,
      ...(job.output ? { output: job.output } : {}),
    };
    const response = job.output
      ? {
          response: {
            '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput',
            ...job.output,
          },
        }
      : {};
    return { name: `batches/${job.id}`, metadata, ...(done ? { done: true } : {}), ...response };
  }
}
