import { resolve } from 'node:path';
import type { MemoryAssetStore } from '../engine/assets';
import { MemoryCache, type NodeCache } from '../engine/cache';
import type { RunEvent } from '../engine/events';
import { exportWorkflowJson } from '../engine/export';
import type { ImageOps } from '../engine/image-ops';
import type { RunRecorder } from '../engine/run-record';
import type { ValidationReport } from '../engine/validate';
import type { Workflow } from '../engine/workflow';
import { createNodeImageOps } from '../image-ops/node';
import { redactSecrets } from '../providers/redact';
import type { RunArgs } from './args';
import type { CliIO } from './cli-io';
import { EXTENSION_BY_TYPE, type ExportWriter } from './export-writer';
import { FileSystemCache } from './fs-cache';
import { describeWriteError, type WriteFailure } from './write-failure';

/** The cache a run uses: the folder cache, or with --no-cache a memory cache for this process only. */
export function cacheFor(args: RunArgs, io: CliIO): NodeCache {
  return args.useCache ? new FileSystemCache(resolve(io.cwd, args.cacheDir)) : new MemoryCache();
}

/**
 * Writes an export node's files when it finishes. The embedded workflow is the one that made the
 * image (inputs applied, reference images included), so dropping the image replays it.
 */
export function exportHandler(
  workflow: Workflow,
  report: ValidationReport,
  assets: MemoryAssetStore,
  writer: ExportWriter,
  recorder: RunRecorder,
  pending: Promise<unknown>[],
  signal: AbortSignal,
  secrets: readonly string[],
  onWriteFailure: (failure: WriteFailure) => void,
): (event: RunEvent) => void {
  let workflowText: string | undefined;
  return (event) => {
    if (event.type !== 'node-finish' || !event.exports || event.exports.length === 0) return;
    if (signal.aborted) return;
    const params = report.params.get(event.nodeId) as { embedWorkflow?: boolean } | undefined;
    if (params?.embedWorkflow !== false) {
      workflowText ??= exportWorkflowJson(workflow, {
        embedImages: true,
        getImage: (hash) => assets.getSync(hash),
        secrets,
      });
    }
    const files = event.exports;
    const nodeId = event.nodeId;
    const text = params?.embedWorkflow === false ? undefined : workflowText;
    // File by file, so one file that cannot be written (disk full, name too long) is reported by
    // name and the others are still tried. The promise never rejects: failures are values.
    pending.push(
      (async () => {
        for (const file of files) {
          try {
            recorder.addFiles(nodeId, await writer.write([file], text), file.source);
          } catch (cause) {
            const name = `${file.baseName}.${EXTENSION_BY_TYPE[file.image.mimeType] ?? 'bin'}`;
            const reason = describeWriteError(cause);
            recorder.addWriteError(nodeId, name, reason);
            onWriteFailure({ node: nodeId, file: name, reason });
          }
        }
      })(),
    );
  };
}

/** Environment variables holding a secret of some access route. */
export const SECRET_ENV_VARS = [
  'GEMINI_API_KEY',
  'VERTEX_API_KEY',
  'GOOGLE_CLOUD_ACCESS_TOKEN',
  'OPENROUTER_API_KEY',
];

/**
 * A record (run.json) as file text with the key removed wherever it sits: a key pasted into a
 * CSV cell or echoed by a server must not land on disk. Records hold no image data, so the whole
 * text can go through the provider's redaction in one pass.
 */
export const redactedRecord = <T>(value: T, secrets: readonly string[]): T =>
  JSON.parse(redactSecrets(JSON.stringify(value), secrets)) as T;

export const redactedJson = (value: unknown, secrets: readonly string[]): string =>
  `${redactSecrets(JSON.stringify(value, null, 2), secrets)}\n`;

let imageOps: ImageOps | undefined;

/** Image tools for every run of this process (one queue: each operation may hold 256 MB of pixels). */
export function cliImageOps(): ImageOps {
  imageOps ??= createNodeImageOps();
  return imageOps;
}

/** Values that must never reach a file: every route's key or token from the environment. */
export const secretsOf = (env: Record<string, string | undefined>): string[] =>
  SECRET_ENV_VARS.map((name) => env[name]?.trim()).filter((value): value is string => Boolean(value));
