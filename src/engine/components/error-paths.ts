import { formatJsonPath, type PeelError } from '../result';
import type { ComponentExpansion } from './expand';

const FLAT_PATH = /^(nodes|edges)\[(\d+)\](.*)$/;

/**
 * Rewrites a path into the flat graph (`nodes[7].params.model`) as a path into the file
 * (`components[0].nodes[2].params.model`); a value node of an unconnected input is named by its
 * instance (`nodes[0] (sceneMaker) input "subject"`).
 */
export function fileErrorPath(path: string | undefined, expansion: ComponentExpansion): string | undefined {
  // Stryker disable next-line ConditionalExpression: an undefined path would not match FLAT_PATH either; the check narrows the type
  if (path === undefined) return path;
  if (!expansion.origins) return path;
  const match = FLAT_PATH.exec(path);
  if (!match) return path;
  // Stryker disable next-line StringLiteral: (.*) always takes part in a match, so rest is never undefined
  const [, kind, indexText, rest = ''] = match;
  const index = Number(indexText);
  if (kind === 'edges') {
    const origin = expansion.edgeOrigins?.[index];
    return origin ? formatJsonPath(origin) + rest : path;
  }
  const node = expansion.workflow.nodes[index];
  const origin = node ? expansion.origins.get(node.id) : undefined;
  if (!origin) return path;
  if (origin.instanceInput) {
    const { instancePath, componentId, input } = origin.instanceInput;
    return `${formatJsonPath(instancePath)} (${componentId}) input "${input}"`;
  }
  return formatJsonPath(origin.path) + rest;
}

export function withFileErrorPath(error: PeelError, expansion: ComponentExpansion): PeelError {
  const path = fileErrorPath(error.path, expansion);
  // fileErrorPath gives undefined only for an undefined path, so an unchanged path covers that case.
  return path === error.path ? error : { ...error, path };
}
