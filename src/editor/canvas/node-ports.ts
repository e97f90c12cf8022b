import { isNodeType, nodeRegistry } from '../../../nodes/registry';
import { inputSpecsOf } from '../../engine/node-definition';
import { parseDefined } from '../../engine/parse-params';
import type { PortSpec } from '../../engine/ports';
import type { WorkflowNode } from '../../engine/workflow';

const NO_PORTS: Record<string, PortSpec> = {};
const cache = new WeakMap<Record<string, unknown>, Record<string, PortSpec>>();

/**
 * A node's input ports with its current params: a template's `{name}` placeholders, or the
 * type's static inputs. Cached per params object (immer keeps it while the params are unchanged).
 */
export function inputPortsOf(
  node: Pick<WorkflowNode, 'type' | 'params'> | undefined,
): Record<string, PortSpec> {
  if (!node || !isNodeType(node.type)) return NO_PORTS;
  const definition = nodeRegistry[node.type];
  if (!('inputsFor' in definition) || !definition.inputsFor) return definition.inputs;
  const known = cache.get(node.params);
  if (known) return known;
  const parsed = parseDefined(definition, node.params);
  const ports = parsed?.success ? inputSpecsOf(definition, parsed.data) : definition.inputs;
  cache.set(node.params, ports);
  return ports;
}
