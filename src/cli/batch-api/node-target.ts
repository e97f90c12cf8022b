/**
 * Running one node's definition outside the executor: with a `callModel` that records requests
 * (to find what a batch must ask) or one that answers from a finished batch job.
 */

import type { AssetStore } from '../../engine/assets';
import { conversationHash, valueIdentity } from '../../engine/cache-key';
import { stableStringify } from '../../engine/canonical';
import { sha256HexOfString } from '../../engine/image/hash';
import { NO_IMAGE_OPS } from '../../engine/image-ops';
import type { AnyNodeDefinition, NodeRunContext, NodeRunOutput } from '../../engine/node-definition';
import type { ImageRequest } from '../../engine/provider';
import { err, peelError, type Result } from '../../engine/result';
import type { PortValue } from '../../engine/values';
import type { WorkflowNode } from '../../engine/workflow';

export interface NodeTarget {
  node: WorkflowNode;
  definition: AnyNodeDefinition;
  params: unknown;
  inputs: Record<string, PortValue | undefined>;
  workflowName: string;
  row: number;
  assets: AssetStore;
}

type CallModel = NodeRunContext<unknown>['callModel'];

export async function runTarget(target: NodeTarget, callModel: CallModel): Promise<Result<NodeRunOutput>> {
  try {
    return await target.definition.run({
      node: target.node,
      params: target.params,
      inputs: target.inputs,
      signal: new AbortController().signal,
      workflowName: target.workflowName,
      row: target.row,
      startedAt: new Date(),
      loadAsset: (hash) => target.assets.get(hash),
      callModel,
      imageOps: NO_IMAGE_OPS,
    });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return err(peelError('internal', `node crashed: ${message}`, { nodeId: target.node.id }));
  }
}

/** The model requests a node makes for its inputs, without making any. */
export async function recordRequests(target: NodeTarget): Promise<ImageRequest[]> {
  const requests: ImageRequest[] = [];
  await runTarget(target, async (request) => {
    requests.push(request);
    return err({ code: 'cancelled', message: 'recorded for a batch job' });
  });
  return requests;
}

/** Content identity of a request, so the final pass can tell which recorded failure a call is. */
export function requestFingerprint(request: ImageRequest): string {
  return sha256HexOfString(
    stableStringify({
      m: request.model,
      p: request.prompt,
      r: valueIdentity(request.references),
      a: request.aspectRatio ?? null,
      s: request.imageSize ?? null,
      h: request.history ? conversationHash(request.history) : null,
    }),
  );
}

/** `<cache key>.<call index>`: the key a batch request travels under. */
export const requestKey = (cacheKey: string, index: number): string => `${cacheKey}.${index}`;
