// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../nodes/registry';
import { checkConnection } from '../../src/editor/canvas/connection-rules';
import { estimatedNodeSize } from '../../src/editor/canvas/overlaps';
import { createEdgeDeriver, createNodeDeriver } from '../../src/editor/canvas/rf-adapter';
import { SearchPopup } from '../../src/editor/panels/SearchPopup';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { canConnect } from '../../src/engine/ports';
import { renderCanvas, resetStores } from './helpers';

const doc = () => useDocumentStore.getState().doc;
const link = (source: string, sourceHandle: string, target: string, targetHandle: string) =>
  checkConnection(doc(), { source, sourceHandle, target, targetHandle });

beforeEach(() => resetStores());

describe('connection validation while dragging', () => {
  it('accepts compatible types, including image into image[]', () => {
    expect(link('refs', 'images', 'g', 'references')).toEqual({ ok: true });
    expect(link('g', 'image', 'g', 'references').ok).toBe(false); // self loop is a cycle
    expect(link('g', 'image', 'x', 'images')).toEqual({ ok: true });
  });

  it('refuses a self-loop on every node and port pair whose types would otherwise fit', () => {
    const attempts = doc().nodes.flatMap((candidate) => {
      const definition = nodeRegistry[candidate.type as keyof typeof nodeRegistry];
      return Object.entries(definition.outputs).flatMap(([output, out]) =>
        Object.entries(definition.inputs)
          .filter(([, input]) => canConnect(out.type, input.type))
          .map(([input]) => `${candidate.id}.${output} -> ${candidate.id}.${input}`),
      );
    });
    expect(attempts).toEqual([
      'g.image -> g.references',
      'g.images -> g.references',
      'g.text -> g.prompt',
      'g.variants -> g.references',
      'e.image -> e.image',
      'e.image -> e.references',
      'e.text -> e.instruction',
    ]);
    for (const attempt of attempts) {
      const [source = '', sourceHandle = '', target = '', targetHandle = ''] = attempt.split(/ -> |\./);
      expect(link(source, sourceHandle, target, targetHandle)).toEqual({
        ok: false,
        reason: 'that link would make a cycle',
      });
    }
  });

  it('refuses a type mismatch', () => {
    const result = link('p', 'text', 'e', 'image');
    expect(result).toEqual({ ok: false, reason: 'a text output cannot feed a image input' });
    expect(link('refs', 'images', 'e', 'image').ok).toBe(false);
  });

  it('refuses a link that would close a cycle', () => {
    // g -> e exists; e.image -> g.references would loop.
    expect(link('e', 'image', 'g', 'references')).toEqual({
      ok: false,
      reason: 'that link would make a cycle',
    });
  });

  it('refuses unknown ports and duplicates', () => {
    expect(link('p', 'nope', 'g', 'prompt').ok).toBe(false);
    expect(link('p', 'text', 'g', 'prompt')).toEqual({ ok: false, reason: 'already connected' });
  });

  it('allows a taken single input; connecting replaces the old edge as one undo step', () => {
    commands.addNode({ type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'b' } });
    expect(link('prompt', 'text', 'g', 'prompt')).toEqual({ ok: true });
    const before = structuredClone(doc());
    commands.connect({ source: 'prompt', sourcePort: 'text', target: 'g', targetPort: 'prompt' });
    expect(
      doc()
        .edges.filter((edge) => edge.target === 'g' && edge.targetPort === 'prompt')
        .map((e) => e.source),
    ).toEqual(['prompt']);
    commands.undo();
    expect(doc()).toEqual(before);
  });

  it('a list input keeps several edges', () => {
    commands.connect({ source: 'refs', sourcePort: 'images', target: 'g', targetPort: 'references' });
    commands.addNode({ type: 'referenceSet', position: { x: 0, y: 0 }, params: { images: [] } });
    commands.connect({ source: 'refs-2', sourcePort: 'images', target: 'g', targetPort: 'references' });
    expect(doc().edges.filter((edge) => edge.targetPort === 'references')).toHaveLength(2);
  });
});

describe('deriving the canvas from the document', () => {
  it('colours edges by the type of their source port', () => {
    const deriveEdges = createEdgeDeriver();
    const current = doc();
    const edges = deriveEdges(current, new Set(), new Map(current.nodes.map((n) => [n.id, n.type])));
    expect(edges.find((edge) => edge.id === 'e1')?.className).toContain('port-text');
    expect(edges.find((edge) => edge.id === 'e3')?.className).toContain('port-image');
  });

  it('shares structure: editing one node gives a new object for that node only', () => {
    const deriveNodes = createNodeDeriver();
    const first = deriveNodes(doc(), new Set(), {});
    commands.setParam('g', 'avoid', 'text');
    const second = deriveNodes(doc(), new Set(), {});
    const changed = second.filter((node, index) => node !== first[index]).map((node) => node.id);
    expect(changed).toEqual(['g']);
    const third = deriveNodes(doc(), new Set(['p']), {});
    expect(third.filter((node, index) => node !== second[index]).map((node) => node.id)).toEqual(['p']);
  });

  it('a new measurement rebuilds no node object; a rebuilt one carries the size last measured', () => {
    const deriveNodes = createNodeDeriver();
    const first = deriveNodes(doc(), new Set(), {});
    expect(first.find((node) => node.id === 'g')?.measured).toBeUndefined();
    // React Flow measured every node (it keeps the sizes on its own copies): nothing to hand over,
    // the very same array, so React Flow skips its node update.
    const sizes = Object.fromEntries(doc().nodes.map((node) => [node.id, { width: 280, height: 120 }]));
    expect(deriveNodes(doc(), new Set(), sizes)).toBe(first);
    // A change that touches no node (the name) neither.
    commands.renameWorkflow('Renamed');
    expect(deriveNodes(doc(), new Set(), sizes)).toBe(first);
    // Selecting g rebuilds g only, with its measured size (else React Flow would measure it again).
    const selected = deriveNodes(doc(), new Set(['g']), sizes);
    expect(selected).not.toBe(first);
    expect(selected.filter((node, index) => node !== first[index]).map((node) => node.id)).toEqual(['g']);
    expect(selected.find((node) => node.id === 'g')?.measured).toEqual({ width: 280, height: 120 });
  });

  it('moving nodes (Tidy) hands React Flow the same edge array; an edge change a new one', () => {
    const deriveEdges = createEdgeDeriver();
    const typeOf = () => new Map(doc().nodes.map((n) => [n.id, n.type]));
    const first = deriveEdges(doc(), new Set(), typeOf());
    commands.layoutNodes(new Map(doc().nodes.map((n, i) => [n.id, { x: i * 500, y: 40 }])));
    expect(deriveEdges(doc(), new Set(), typeOf())).toBe(first);
    const selected = deriveEdges(doc(), new Set(['e1']), typeOf());
    expect(selected).not.toBe(first);
    expect(selected.find((edge) => edge.id === 'e1')?.selected).toBe(true);
    commands.disconnect(['e1']);
    const fewer = deriveEdges(doc(), new Set(['e1']), typeOf());
    expect(fewer).not.toBe(selected);
    expect(fewer.map((edge) => edge.id)).not.toContain('e1');
  });
});

describe('releasing a link in empty space', () => {
  it('offers only nodes with a compatible port, and the new node arrives connected', () => {
    renderCanvas(<SearchPopup />);
    act(() =>
      useViewStore.setState({
        search: {
          screen: { x: 10, y: 10 },
          flow: { x: 500, y: 500 },
          pending: { nodeId: 'g', port: 'image', side: 'source' },
        },
      }),
    );
    const popup = screen.getByTestId('search-popup');
    expect(popup).toBeTruthy();
    // An image output can feed edit.image, generate.references and export.images, not a prompt.
    expect(screen.queryByTestId('search-item-prompt')).toBeNull();
    expect(screen.getByTestId('search-item-generate').textContent).toContain('references');
    fireEvent.click(screen.getByTestId('search-item-edit'));
    const added = doc().nodes.at(-1);
    // Placed by its centre: the new node's input side at the release point, centred on it, then
    // moved to the nearest free spot (here g, 400..680 x 0..520, is in the way): it covers nothing.
    const size = estimatedNodeSize({ id: '', type: 'edit', position: { x: 0, y: 0 }, params: {} });
    expect(added?.type).toBe('edit');
    const at = added?.position ?? { x: 0, y: 0 };
    expect(at.x).toBeGreaterThanOrEqual(500);
    expect(at.y).toBeGreaterThanOrEqual(500 - size.height / 2);
    for (const other of doc().nodes.filter((node) => node.id !== added?.id)) {
      const box = estimatedNodeSize(other);
      const overlaps =
        at.x < other.position.x + box.width &&
        other.position.x < at.x + size.width &&
        at.y < other.position.y + box.height &&
        other.position.y < at.y + size.height;
      expect(overlaps, `covers ${other.id}`).toBe(false);
    }
    expect(doc().edges.at(-1)).toMatchObject({
      source: 'g',
      sourcePort: 'image',
      target: added?.id,
      targetPort: 'image',
    });
    expect(useDocumentStore.getState().past).toHaveLength(1);
    expect(screen.queryByTestId('search-popup')).toBeNull();
  });

  it('dragged from an input, offers nodes with a matching output', () => {
    renderCanvas(<SearchPopup />);
    act(() =>
      useViewStore.setState({
        search: {
          screen: { x: 10, y: 10 },
          flow: { x: 0, y: 0 },
          pending: { nodeId: 'g', port: 'prompt', side: 'target' },
        },
      }),
    );
    expect(screen.queryByTestId('search-item-generate')).toBeTruthy(); // generate has a text output
    expect(screen.queryByTestId('search-item-export')).toBeNull();
    fireEvent.click(screen.getByTestId('search-item-prompt'));
    const edges = doc().edges.filter((edge) => edge.target === 'g' && edge.targetPort === 'prompt');
    expect(edges).toHaveLength(1); // replaced, not added
    expect(edges[0]?.source).toBe('prompt');
  });
});
