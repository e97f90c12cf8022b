import { isAssetLike } from './assets';
import { canonicalJson } from './canonical';
import { bytesToBase64 } from './image/base64';
import type { ImageValue } from './values';
import { WORKFLOW_VERSION, type Workflow } from './workflow';

export interface SaveOptions {
  /** Embed image bytes as base64 (default). Without, images keep only name, type and hash. */
  embedImages?: boolean;
  /** Synchronous lookup of asset bytes by hash. */
  getImage?: (hash: string) => ImageValue | undefined;
}

/**
 * The file object for a workflow, always of the current format version (plain JSON, canonical
 * order applied by `canonicalJson`).
 */
export function toWorkflowFile(workflow: Workflow, options: SaveOptions = {}): Record<string, unknown> {
  const embed = options.embedImages ?? true;
  const withData = (value: unknown) => internalizeAssets(value, embed, options.getImage);
  const nodesOf = (nodes: Workflow['nodes']) =>
    nodes.map((node) => ({ ...node, params: withData(node.params) as Record<string, unknown> }));
  return {
    ...workflow,
    version: WORKFLOW_VERSION,
    components: (workflow.components ?? []).map((component) => ({
      ...component,
      inputs: component.inputs.map((input) =>
        input.default === undefined ? input : { ...input, default: withData(input.default) },
      ),
      nodes: nodesOf(component.nodes),
    })),
    nodes: nodesOf(workflow.nodes),
  };
}

export function serializeWorkflow(workflow: Workflow, options: SaveOptions = {}): string {
  return canonicalJson(toWorkflowFile(workflow, options));
}

function internalizeAssets(
  value: unknown,
  embed: boolean,
  getImage: ((hash: string) => ImageValue | undefined) | undefined,
): unknown {
  if (Array.isArray(value)) return value.map((item) => internalizeAssets(item, embed, getImage));
  if (value === null || typeof value !== 'object') return value;
  if (isAssetLike(value) && typeof value.hash === 'string') {
    const image = embed ? getImage?.(value.hash) : undefined;
    if (!image) return value;
    const { hash: _hash, ...rest } = value;
    return { ...rest, data: bytesToBase64(image.bytes) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = internalizeAssets(child, embed, getImage);
  return out;
}
