import { resolve } from 'node:path';
import type { MemoryAssetStore } from '../engine/assets';
import { MemoryCache, type NodeCache } from '../engine/cache';
import type { RunEvent } from '../engine/events';
import { serializeWorkflow } from '../engine/save';
import type { ValidationReport } from '../engine/validate';
import type { Workflow } from '../engine/workflow';
import type { RunArgs } from './args';
import type { CliIO } from './cli-io';
import type { ExportWriter } from './export-writer';
import { FileSystemCache } from './fs-cache';
import type { RunRecorder } from './run-record';

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
): (event: RunEvent) => void {
  let workflowText: string | undefined;
  return (event) => {
    if (event.type !== 'node-finish' || !event.exports || event.exports.length === 0) return;
    if (signal.aborted) return;
    const params = report.params.get(event.nodeId) as { embedWorkflow?: boolean } | undefined;
    if (params?.embedWorkflow !== false) {
      workflowText ??= serializeWorkflow(workflow, {
        embedImages: true,
        getImage: (hash) => assets.getSync(hash),
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
