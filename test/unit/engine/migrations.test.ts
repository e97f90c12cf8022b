import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToCurrent } from '../../../src/engine/migrations';
import { WORKFLOW_VERSION } from '../../../src/engine/workflow';

describe('migrateToCurrent from version 0', () => {
  it('renames title, moves x/y/data into position/params and splits links at their last dot', () => {
    const migrated = migrateToCurrent(
      {
        version: 0,
        title: 'Old',
        extra: 'kept',
        nodes: [{ id: 'p', type: 'prompt', x: 10, y: 20, data: { text: 'a fox' } }],
        links: [{ from: 'p.text', to: 'my.gen.prompt' }],
      },
      0,
    );
    expect(migrated).toEqual({
      version: 2,
      name: 'Old',
      extra: 'kept',
      components: [],
      nodes: [{ id: 'p', type: 'prompt', position: { x: 10, y: 20 }, params: { text: 'a fox' } }],
      edges: [{ source: 'p', sourcePort: 'text', target: 'my.gen', targetPort: 'prompt' }],
    });
  });

  it('fills what a damaged file lacks: a name, empty lists, empty params, empty link ends', () => {
    expect(migrateToCurrent({ title: 7, nodes: 'none', links: {} }, 0)).toEqual({
      version: 2,
      name: 'Untitled',
      components: [],
      nodes: [],
      edges: [],
    });
    const migrated = migrateToCurrent(
      {
        nodes: [null, ['x'], { id: 'n' }],
        links: [null, { from: 'nodot', to: 5 }, { from: '.port', to: 'node.' }],
      },
      0,
    );
    expect(migrated.nodes).toEqual([
      { position: { x: undefined, y: undefined }, params: {} },
      { position: { x: undefined, y: undefined }, params: {} },
      { id: 'n', position: { x: undefined, y: undefined }, params: {} },
    ]);
    expect(migrated.edges).toEqual([
      { source: '', sourcePort: '', target: '', targetPort: '' },
      { source: 'nodot', sourcePort: '', target: '', targetPort: '' },
      { source: '', sourcePort: 'port', target: 'node', targetPort: '' },
    ]);
  });
});

describe('migrateToCurrent from later versions', () => {
  it('gives a version 1 file its empty components, and leaves a current file alone', () => {
    const v1 = { version: 1, name: 'One', nodes: [], edges: [] };
    expect(migrateToCurrent(v1, 1)).toEqual({ ...v1, version: 2, components: [] });
    const current = { version: WORKFLOW_VERSION, name: 'Now' };
    expect(migrateToCurrent(current, WORKFLOW_VERSION)).toBe(current);
  });

  it('throws for a version it has no migration from', () => {
    expect(() => migrateToCurrent({}, -1)).toThrow(new Error('no migration from version -1'));
    expect(MIGRATIONS).toHaveLength(WORKFLOW_VERSION);
  });
});
