import { WORKFLOW_VERSION } from './workflow';

/**
 * Each migration takes a file of version N (plain JSON) to version N+1. Version 0 was the
 * pre-release layout: `title`, nodes with `x`/`y`/`data`, and `links` written as `"node.port"`.
 */
type Migration = (file: Record<string, unknown>) => Record<string, unknown>;

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const splitEnd = (end: unknown): [string, string] => {
  const text = typeof end === 'string' ? end : '';
  const dot = text.lastIndexOf('.');
  return dot < 0 ? [text, ''] : [text.slice(0, dot), text.slice(dot + 1)];
};

const v0ToV1: Migration = (file) => {
  const nodes = Array.isArray(file.nodes) ? file.nodes : [];
  const links = Array.isArray(file.links) ? file.links : [];
  const { title, links: _links, nodes: _nodes, ...rest } = file;
  return {
    ...rest,
    version: 1,
    name: typeof title === 'string' ? title : 'Untitled',
    nodes: nodes.map((raw) => {
      const node = asRecord(raw);
      const { x, y, data, ...nodeRest } = node;
      return { ...nodeRest, position: { x, y }, params: data ?? {} };
    }),
    edges: links.map((raw) => {
      const link = asRecord(raw);
      const [source, sourcePort] = splitEnd(link.from);
      const [target, targetPort] = splitEnd(link.to);
      return { source, sourcePort, target, targetPort };
    }),
  };
};

/** Version 2 adds reusable components; a version 1 file has none. */
const v1ToV2: Migration = (file) => ({ ...file, version: 2, components: [] });

/** MIGRATIONS[n] migrates version n to n+1. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1, v1ToV2];

// A load-time check of this file's own table: it holds in every build, so no test can see it throw.
// Stryker disable next-line ConditionalExpression,BlockStatement: as false (or emptied) nothing changes while the table is complete
if (MIGRATIONS.length !== WORKFLOW_VERSION) {
  // Stryker disable next-line StringLiteral: never thrown while the table is complete
  throw new Error('every format version below the current one needs a migration');
}

export function migrateToCurrent(
  file: Record<string, unknown>,
  fromVersion: number,
): Record<string, unknown> {
  let current = file;
  for (let version = fromVersion; version < WORKFLOW_VERSION; version++) {
    const migration = MIGRATIONS[version];
    if (!migration) throw new Error(`no migration from version ${version}`);
    current = migration(current);
  }
  return current;
}
