import 'fake-indexeddb/auto';
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTable, type Middleware } from 'dexie';
import { imageValueOf } from '../../../src/engine/assets';
import type { CacheEntry } from '../../../src/engine/cache';
import { makeTestPng } from '../../../src/engine/image/test-images';
import type { ImageProvider, ImageRequest } from '../../../src/engine/provider';
import { ok } from '../../../src/engine/result';
import type { ImageValue } from '../../../src/engine/values';
import type { Workflow } from '../../../src/engine/workflow';

let counter = 0;
/** fake-indexeddb keeps databases for the process: every test gets its own name. */
export const uniqueDbName = (label = 'peel-test') => `${label}-${process.pid}-${++counter}-${Date.now()}`;

/** A distinct tiny PNG per seed. */
export function testImage(seed: number): ImageValue {
  const rgba = [seed & 0xff, (seed >> 8) & 0xff, 77, 255] as const;
  return imageValueOf(makeTestPng({ rgba }), 'image/png');
}

export function cacheEntryWith(images: ImageValue[], text = 'ok', createdAt = 1): CacheEntry {
  return {
    outputs: { image: images[0] as ImageValue, images, text },
    provider: 'fake',
    costUsd: 0.039,
    createdAt,
  };
}

/** A plain ImageProvider that counts calls and answers with an image derived from the prompt. */
export class CountingProvider implements ImageProvider {
  readonly id = 'counting-fake';
  readonly needsApiKey = false;
  calls = 0;
  readonly prompts: string[] = [];

  async generateImage(request: ImageRequest) {
    this.calls++;
    this.prompts.push(request.prompt);
    let seed = 0;
    for (const char of request.prompt) seed = (seed * 31 + char.charCodeAt(0)) & 0xffff;
    const image = testImage(seed + 1);
    return ok({
      images: [image],
      text: `drew: ${request.prompt}`,
      usage: {
        promptTokens: 10,
        imageOutputTokens: 1290,
        textOutputTokens: 3,
        thoughtsTokens: 0,
        totalTokens: 1303,
      },
      costUsd: 0.039,
      userTurn: { role: 'user' as const, parts: [{ kind: 'text' as const, text: request.prompt }] },
      modelTurn: { role: 'model' as const, parts: [{ kind: 'image' as const, image }] },
    });
  }
}

/** prompt → generate, optionally with a reference set holding `references`. */
export function testWorkflow(prompt = 'a red kite', references: ImageValue[] = []): Workflow {
  const workflow: Workflow = {
    format: 'peel.workflow',
    version: 2,
    name: 'Kites',
    components: [],
    nodes: [
      { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: prompt } },
      { id: 'g', type: 'generate', position: { x: 300, y: 0 }, params: { model: 'gemini-3.1-flash-image' } },
    ],
    edges: [{ source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' }],
  };
  if (references.length > 0) {
    workflow.nodes.push({
      id: 'r',
      type: 'referenceSet',
      position: { x: 0, y: 200 },
      params: {
        images: references.map((image, i) => ({
          name: `ref${i}.png`,
          mimeType: image.mimeType,
          hash: image.hash,
        })),
      },
    });
    workflow.edges.push({ source: 'r', sourcePort: 'images', target: 'g', targetPort: 'references' });
  }
  return workflow;
}

export interface FaultPlan {
  /** The table (or tables) whose writes fail. */
  table: string | readonly string[];
  /** Which puts to those tables fail (1-based, counted from installation). */
  failOn: (putNumber: number) => boolean;
  error: () => unknown;
}

export const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
/** What a transaction that died of a quota error rejects with in some browsers. */
export const abortWrappingQuota = () => new Dexie.AbortError('Transaction aborted', quotaError());

/** A DBCore middleware (named `name`) that wraps each table's requests with `wrap`. */
function tableMiddleware(
  name: string,
  wrap: (tableName: string, table: DBCoreTable) => DBCoreTable,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    create: (down) => ({ ...down, table: (tableName) => wrap(tableName, down.table(tableName)) }),
  };
}

/** A DBCore middleware that makes chosen put/add requests to some tables fail, as a full disk would. */
export function faultMiddleware(plan: { current?: FaultPlan; puts: number }): Middleware<DBCore> {
  return tableMiddleware('test-faults', (name, table) => ({
    ...table,
    mutate: (request: DBCoreMutateRequest) => {
      const fault = plan.current;
      const hits =
        fault && (typeof fault.table === 'string' ? fault.table === name : fault.table.includes(name));
      if (fault && hits && (request.type === 'put' || request.type === 'add')) {
        plan.puts++;
        if (fault.failOn(plan.puts)) return Promise.reject(fault.error());
      }
      return table.mutate(request);
    },
  }));
}

/** Counts the reads of one table (get, getMany, query, cursor, count) that reach the database. */
export function readCounter(tableName: string, counter: { reads: number }): Middleware<DBCore> {
  return tableMiddleware('test-read-counter', (name, table) => {
    if (name !== tableName) return table;
    const counted =
      <A extends unknown[], R>(read: (...args: A) => R) =>
      (...args: A): R => {
        counter.reads++;
        return read(...args);
      };
    return {
      ...table,
      get: counted(table.get),
      getMany: counted(table.getMany),
      query: counted(table.query),
      openCursor: counted(table.openCursor),
      count: counted(table.count),
    };
  });
}

/** Every row of every table as JSON (Blobs and buffers appear as `{}`: they hold only image bytes). */
export async function dumpDatabase(db: Dexie): Promise<string> {
  const parts: string[] = [];
  for (const table of db.tables) parts.push(JSON.stringify(await table.toArray()));
  return parts.join('\n');
}
