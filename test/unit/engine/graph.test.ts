/**
 * The graph checks on their own: edges per port, the topological order, which nodes are cycles
 * (and which only sit downstream of one), and the walks the editor and the planner use. A
 * property test compares cycles and order with a brute-force reachability answer on random small
 * graphs (self-loops and parallel edges included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildGraph, descendantsOf, wouldCreateCycle } from '../../../src/engine/graph';
import type { Workflow } from '../../../src/engine/workflow';
import { edge, node, workflowOf } from '../../helpers/workflows';

/** Nodes named by `ids`, and an edge `image -> image` for each [source, target] pair. */
function graphOf(ids: string[], links: [string, string][]): Workflow {
  return workflowOf(
    ids.map((id) => node(id, 'edit')),
    links.map(([source, target]) => edge(source, 'image', target, 'image')),
  );
}

const sorted = (cycles: string[][]) => cycles.map((cycle) => [...cycle].sort()).sort();

describe('buildGraph', () => {
  it('lists incoming edges per port in file order and outgoing edges per node; edges to unknown nodes are ignored', () => {
    const workflow = workflowOf(
      [node('a', 'prompt'), node('b', 'generate'), node('c', 'edit')],
      [
        edge('a', 'text', 'c', 'instruction'),
        edge('b', 'image', 'c', 'references'),
        edge('ghost', 'image', 'c', 'image'),
        edge('a', 'text', 'b', 'prompt'),
        edge('a', 'text', 'c', 'references'),
        edge('b', 'image', 'nowhere', 'image'),
      ],
    );
    const graph = buildGraph(workflow);
    const [aToC, bToC, , aToB, aToCRefs] = workflow.edges;
    expect(graph.outgoing).toEqual(
      new Map([
        ['a', [aToC, aToB, aToCRefs]],
        ['b', [bToC]],
        ['c', []],
      ]),
    );
    expect(graph.incoming).toEqual(
      new Map([
        ['a', new Map()],
        ['b', new Map([['prompt', [aToB]]])],
        [
          'c',
          new Map([
            ['instruction', [aToC]],
            ['references', [bToC, aToCRefs]],
          ]),
        ],
      ]),
    );
    expect(graph.order).toEqual(['a', 'b', 'c']);
    expect(graph.cycles).toEqual([]);
  });

  it('orders a node after every one of its sources, even when one source is reached later', () => {
    // a -> c is listed before a -> b, and b -> c: c may only come once b is done.
    const graph = buildGraph(
      graphOf(
        ['a', 'b', 'c'],
        [
          ['a', 'c'],
          ['a', 'b'],
          ['b', 'c'],
        ],
      ),
    );
    expect(graph.order).toEqual(['a', 'b', 'c']);
  });

  it('reports the cycle and not the nodes downstream of it, which stay out of the order too', () => {
    // p -> a -> b -> a, b -> d -> e: only {a, b} is a cycle; d and e merely cannot run.
    const graph = buildGraph(
      graphOf(
        ['p', 'a', 'b', 'd', 'e'],
        [
          ['p', 'a'],
          ['a', 'b'],
          ['b', 'a'],
          ['b', 'd'],
          ['d', 'e'],
        ],
      ),
    );
    expect(graph.cycles).toEqual([['a', 'b']]);
    expect(graph.order).toEqual(['p']);
  });

  it('a self-loop is a cycle; a node with a self-loop and another edge is one too', () => {
    const graph = buildGraph(
      graphOf(
        ['x', 'y', 'z'],
        [
          ['x', 'x'],
          ['x', 'y'],
          ['y', 'z'],
        ],
      ),
    );
    expect(graph.cycles).toEqual([['x']]);
    expect(graph.order).toEqual([]);
  });

  it('names the members of a cycle in the order the walk met them, starting from the first node left over', () => {
    // p feeds the cycle but is not on it; the walk starts at b (the first node left over), not p.
    const graph = buildGraph(
      graphOf(
        ['p', 'b', 'a'],
        [
          ['p', 'a'],
          ['a', 'b'],
          ['b', 'a'],
        ],
      ),
    );
    expect(graph.cycles).toEqual([['b', 'a']]);
    expect(graph.order).toEqual(['p']);
  });

  it('finds two separate cycles and one cycle made of two loops through a shared node', () => {
    const graph = buildGraph(
      graphOf(
        ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
        [
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
          ['c', 'd'],
          ['d', 'b'],
          ['c', 'e'],
          ['e', 'f'],
          ['f', 'g'],
          ['g', 'f'],
        ],
      ),
    );
    expect(sorted(graph.cycles)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['f', 'g'],
    ]);
    expect(graph.order).toEqual([]);
  });
});

/** Brute force: u reaches v through one edge or more. */
function reach(ids: string[], links: [string, string][]): Map<string, Set<string>> {
  const reaches = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const [s, t] of links) reaches.get(s)?.add(t);
  for (const k of ids)
    for (const i of ids)
      if (reaches.get(i)?.has(k)) for (const j of reaches.get(k) ?? []) reaches.get(i)?.add(j);
  return reaches;
}

describe('buildGraph against brute force', () => {
  const ids = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
  const linkArb = fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 14 });

  it('cycles are exactly the groups of nodes that reach each other (or themselves); order holds every node no cycle reaches, sources first', () => {
    fc.assert(
      fc.property(linkArb, (links) => {
        const graph = buildGraph(graphOf(ids, links));
        const reaches = reach(ids, links);
        const onCycle = ids.filter((id) => reaches.get(id)?.has(id));
        const expectedCycles = new Map<string, string[]>();
        for (const id of onCycle) {
          const group = onCycle.filter((other) => reaches.get(id)?.has(other) && reaches.get(other)?.has(id));
          expectedCycles.set(group.join(), group);
        }
        expect(sorted(graph.cycles)).toEqual(sorted([...expectedCycles.values()]));
        const blocked = new Set(ids.filter((id) => onCycle.some((c) => c === id || reaches.get(c)?.has(id))));
        expect([...graph.order].sort()).toEqual(ids.filter((id) => !blocked.has(id)));
        const position = new Map(graph.order.map((id, i) => [id, i]));
        for (const [s, t] of links) {
          if (position.has(t)) expect(position.get(s) as number).toBeLessThan(position.get(t) as number);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('descendantsOf and ancestorsOf', () => {
  // a -> b -> c -> b (a cycle), a -> d; e alone. Built inside each test, not while the file is
  // collected: Stryker counts code run at collection as "static" and re-runs every test for it.
  const sample = () =>
    buildGraph(
      graphOf(
        ['a', 'b', 'c', 'd', 'e'],
        [
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'b'],
          ['a', 'd'],
        ],
      ),
    );

  it('walk downstream and upstream through a cycle and stop', () => {
    const graph = sample();
    expect(descendantsOf(['b'], graph)).toEqual(new Set(['b', 'c']));
    expect(descendantsOf(['a'], graph)).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(descendantsOf(['d', 'e'], graph)).toEqual(new Set(['d', 'e']));
    expect(ancestorsOf(['c'], graph)).toEqual(new Set(['a', 'b', 'c']));
    expect(ancestorsOf(['d'], graph)).toEqual(new Set(['a', 'd']));
    expect(ancestorsOf(['e'], graph)).toEqual(new Set(['e']));
  });

  it('an id the graph does not hold is returned alone', () => {
    const graph = sample();
    expect(descendantsOf(['ghost'], graph)).toEqual(new Set(['ghost']));
    expect(ancestorsOf(['ghost'], graph)).toEqual(new Set(['ghost']));
  });
});

describe('wouldCreateCycle', () => {
  it('follows every edge out of a node, not only the last one listed', () => {
    // a -> b, a -> c: b <- a would close a -> b -> a through the first edge of a.
    const workflow = graphOf(
      ['a', 'b', 'c'],
      [
        ['a', 'b'],
        ['a', 'c'],
      ],
    );
    expect(wouldCreateCycle(workflow, 'b', 'a')).toBe(true);
    expect(wouldCreateCycle(workflow, 'c', 'a')).toBe(true);
    expect(wouldCreateCycle(workflow, 'b', 'c')).toBe(false);
  });

  it('ends on a graph that already has a cycle elsewhere', () => {
    const workflow = graphOf(
      ['a', 'b', 'x', 'y'],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['x', 'a'],
      ],
    );
    expect(wouldCreateCycle(workflow, 'y', 'x')).toBe(false);
    expect(wouldCreateCycle(workflow, 'b', 'x')).toBe(true);
  });

  it('answers for the edges it is given, not for an earlier edges array', () => {
    const first = graphOf(['a', 'b'], [['a', 'b']]);
    expect(wouldCreateCycle(first, 'b', 'a')).toBe(true);
    const second = graphOf(['a', 'b'], []);
    expect(wouldCreateCycle(second, 'b', 'a')).toBe(false);
  });
});
