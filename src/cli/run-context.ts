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
import type { RunArgs } from './args';
import type { CliIO } from './cli-io';
import type { ExportWriter } from './export-writer';
import { FileSystemCache } from './fs-cache';

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
    pending.push(
      writer
        .write(files, params?.embedWorkflow === false ? undefined : workflowText)
        .then((names) => recorder.addFiles(nodeId, names)),
    );
  };
}

let imageOps: ImageOps | undefined;

/** Image tools for every run of this process (one queue: each operation may hold 256 MB of pixels). */
export function cliImageOps(): ImageOps {
  imageOps ??= createNodeImageOps();
  return imageOps;
}

/** Values that must never reach a file: the API key from the environment. */
export const secretsOf = (env: Record<string, string | undefined>): string[] =>
  [env.GEMINI_API_KEY?.trim()].filter((value): value is string => Boolean(value));
