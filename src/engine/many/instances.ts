import type { ElementRef } from '../events';
import type { InstanceInfo } from './expand';

/** The element an instance is, for events and records; undefined for a node that is not mapped. */
export function elementRefOf(id: string, info: InstanceInfo | undefined): ElementRef | undefined {
  // An instance's index is empty exactly when it is its node, unmapped (instanceId: `gen` or `gen[2]`).
  if (!info || info.index.length === 0) return undefined;
  return { of: info.of, index: info.element, count: info.count, ...(info.item ? { item: info.item } : {}) };
}
