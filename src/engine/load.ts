import { isAssetLike, MemoryAssetStore } from './assets';
import { base64ToBytes } from './image/base64';
import { checkImageLimits, sniffImage } from './image/sniff';
import { guardParsedJson } from './json-guard';
import { migrateToCurrent } from './migrations';
import { err, formatJsonPath, ok, type PeelError, peelError, type Result } from './result';
import { type WorkflowFile, workflowSchemas } from './schema';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type Workflow } from './workflow';
import { parseCommonWorkflowFile } from './workflow-file-fast';

export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface LoadedWorkflow {
  workflow: Workflow;
  /** Images that were embedded in the file, by hash. */
  assets: MemoryAssetStore;
  warnings: string[];
  migratedFrom?: number;
}

export type LoadResult = Result<LoadedWorkflow, PeelError[]>;

const fail = (error: PeelError): LoadResult => err([error]);

export function parseWorkflowText(text: string, options: { maxBytes?: number } = {}): LoadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (text.length > maxBytes) {
    return fail(
      peelError(
        'invalid_json',
        `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; the limit is ${(maxBytes / 1024 / 1024).toFixed(0)} MB`,
      ),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return fail(peelError('invalid_json', `not valid JSON (${detail}); is the file truncated?`));
  }
  return parseWorkflowValue(parsed);
}

export function parseWorkflowValue(input: unknown): LoadResult {
  const guarded = guardParsedJson(input);
  if (guarded.errors.length > 0) return err(guarded.errors);
  const raw = guarded.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(peelError('invalid_format', 'a workflow file must be a JSON object'));
  }
  const record = raw as Record<string, unknown>;
  if (record.format !== WORKFLOW_FORMAT) {
    return fail(
      peelError('invalid_format', `"format" must be "${WORKFLOW_FORMAT}"; this is not a Peel workflow`, {
        path: 'format',
      }),
    );
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail(peelError('schema', 'must be a whole number', { path: 'version' }));
  }
  if (version > WORKFLOW_VERSION) {
    return fail(
      peelError(
        'newer_version',
        `this workflow was made with a newer Peel (format version ${version}); this Peel reads up to version ${WORKFLOW_VERSION}. Update Peel to open it.`,
        { path: 'version' },
      ),
    );
  }
  let current = record;
  if (version < WORKFLOW_VERSION) {
    try {
      current = migrateToCurrent(record, version);
    } catch (cause) {
      return fail(
        peelError('migration_failed', `could not upgrade from version ${version}: ${String(cause)}`),
      );
    }
  }
  const checked = checkWorkflowFile(current);
  if (!checked.ok) return checked;
  const assets = new MemoryAssetStore();
  const assetErrors: PeelError[] = [];
  const workflow = checked.value as Workflow;
  const withHashes = (value: unknown, path: (string | number)[]) =>
    externalizeAssets(value, path, assets, assetErrors);
  const nodesOf = (nodes: Workflow['nodes'], path: (string | number)[]) =>
    nodes.map((node, index) => ({
      ...node,
      params: withHashes(node.params, [...path, index, 'params']) as Record<string, unknown>,
    }));
  workflow.nodes = nodesOf(workflow.nodes, ['nodes']);
  workflow.components = (workflow.components ?? []).map((component, c) => ({
    ...component,
    inputs: component.inputs.map((input, i) =>
      input.default === undefined
        ? input
        : { ...input, default: withHashes(input.default, ['components', c, 'inputs', i, 'default']) },
    ),
    nodes: nodesOf(component.nodes, ['components', c, 'nodes']),
  }));
  if (assetErrors.length > 0) return err(assetErrors);
  const loaded: LoadedWorkflow = { workflow, assets, warnings: guarded.warnings };
  if (version < WORKFLOW_VERSION) loaded.migratedFrom = version;
  return ok(loaded);
}

/** The schema's verdict: the common file without zod (see workflow-file-fast.ts), the rest with it. */
function checkWorkflowFile(value: Record<string, unknown>): Result<WorkflowFile, PeelError[]> {
  const common = parseCommonWorkflowFile(value);
  if (common) return ok(common);
  const parsed = workflowSchemas().WorkflowFileSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((issue) =>
      peelError('schema', issue.message, { path: formatJsonPath(issue.path as PropertyKey[]) }),
    ),
  );
}

/** Replaces `{ data: base64 }` image objects by `{ hash }`, putting the bytes in the store. */
function externalizeAssets(
  value: unknown,
  path: (string | number)[],
  store: MemoryAssetStore,
  errors: PeelError[],
): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => externalizeAssets(item, [...path, i], store, errors));
  if (value === null || typeof value !== 'object') return value;
  if (isAssetLike(value) && typeof value.data === 'string') {
    const decoded = base64ToBytes(value.data);
    if (!decoded.ok) {
      errors.push(
        peelError('image_invalid', `image data is not valid base64: ${decoded.error.message}`, {
          path: formatJsonPath([...path, 'data']),
        }),
      );
      return value;
    }
    const sniffed = sniffImage(decoded.value);
    if (!sniffed.ok) {
      errors.push(
        peelError('image_invalid', sniffed.error.message, { path: formatJsonPath([...path, 'data']) }),
      );
      return value;
    }
    // Gemini takes at most 7 MB per inline image; absurd pixel counts are refused before decoding.
    const limits = checkImageLimits(sniffed.value, decoded.value.length);
    if (!limits.ok) {
      errors.push(
        peelError('image_too_large', limits.error.message, { path: formatJsonPath([...path, 'data']) }),
      );
      return value;
    }
    // The bytes decide the type, not the declared name or mimeType.
    const image = store.put(decoded.value, sniffed.value.mimeType);
    const { data: _data, ...rest } = value;
    return { ...rest, mimeType: image.mimeType, hash: image.hash };
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value))
    out[key] = externalizeAssets(child, [...path, key], store, errors);
  return out;
}
