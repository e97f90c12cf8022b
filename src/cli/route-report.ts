/** How the CLI reports a run's access route: one plan line, and who paid in run.json. */

import type { RouteId } from '../engine/route-models';
import type { NodeRecord } from '../engine/run-record';
import type { RouteDescription } from '../providers/routes';

export const routeLine = (route: RouteDescription): string =>
  `route: ${route.route} (${route.label}); endpoint ${route.host}; credential: ${route.credential}`;

/** Model nodes that called (not cached) say which route paid for them. */
export function withRoute(
  records: NodeRecord[],
  route: RouteId | undefined,
): Array<NodeRecord & { route?: RouteId }> {
  if (!route) return records;
  return records.map((record) => (record.cached || record.usage === null ? record : { ...record, route }));
}
