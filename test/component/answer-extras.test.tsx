// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Viewer } from '../../src/editor/panels/Viewer';
import { commands } from '../../src/editor/store/document-store';
import { type NodeOutputsView, useRunStore } from '../../src/editor/store/run-store';
import { preloadEditorParts, renderCanvas, resetStores, workflowOf } from './helpers';

// Views, panels and the run machinery load on demand in the app (first paint); here, up front.
beforeAll(() => preloadEditorParts());

const HOSTILE_TITLE = '<img src=x onerror="window.hacked=1">Tide tables';

/** A grounded answer as the run store holds it after a node-finish event. */
const groundedOutputs = (): NodeOutputsView => ({
  images: ['a'.repeat(64)],
  grounding: [
    {
      searchEntryPoint:
        '<style>.chip{color:#1f1f1f}</style><div class="container"><a class="chip" href="https://www.google.com/search?q=tides">tides</a></div>',
      webSearchQueries: ['tides'],
      sources: [
        { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/one', title: HOSTILE_TITLE },
        { uri: 'javascript:alert(1)', title: 'Not a link' },
        {
          uri: 'https://example.org/photo-page',
          title: 'Harbour photo',
          domain: 'example.org',
          imageUri: 'https://example.org/photo.jpg',
        },
      ],
    },
  ],
  thoughts: { texts: ['**Planning** the <b>tide</b> chart'], images: ['b'.repeat(64), 'c'.repeat(64)] },
});

function loadGenerate(params: Record<string, unknown>): void {
  resetStores(
    workflowOf([
      {
        id: 'g',
        type: 'generate',
        position: { x: 0, y: 0 },
        params: { model: 'gemini-3.1-flash-image', ...params },
      },
    ]),
  );
  useRunStore.setState({ nodes: { g: { status: 'done', previous: [], outputs: groundedOutputs() } } });
}

beforeEach(() => loadGenerate({ googleSearch: true }));

describe('grounding sources and thoughts on the Generate node', () => {
  it('search suggestions render only in a sandboxed frame that runs no scripts', () => {
    renderCanvas();
    const frame = screen.getByTestId('answer-extras-g-grounding-0-suggestions') as HTMLIFrameElement;
    expect(frame.tagName).toBe('IFRAME');
    const sandbox = frame.getAttribute('sandbox') ?? '';
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    // Google's HTML is shown as sent; links open outside the frame, straight to the results page.
    expect(frame.getAttribute('srcdoc')).toContain(
      '<a class="chip" href="https://www.google.com/search?q=tides">',
    );
    expect(frame.getAttribute('srcdoc')).toMatch(/^<base target="_blank">/);
    // Nothing of it reaches the page itself.
    expect(document.querySelector('a.chip')).toBeNull();
  });

  it('sources are a list of safe links, titles shown as text', () => {
    renderCanvas();
    const list = screen.getByTestId('answer-extras-g-grounding-0-sources');
    // React Flow keeps unmeasured nodes hidden in jsdom, so the links are found by tag, not role.
    const links = [...list.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://vertexaisearch.cloud.google.com/grounding-api-redirect/one',
      // An image result links to its page, never to the image file.
      'https://example.org/photo-page',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }
    expect(links[0]?.textContent).toBe(HOSTILE_TITLE);
    expect(list.querySelector('img')).toBeNull();
    expect((window as { hacked?: number }).hacked).toBeUndefined();
    // A javascript: source is text, not a link.
    expect(within(list).getByText('Not a link').tagName).toBe('SPAN');
    expect(list.textContent).toContain('Image from Harbour photo');
  });

  it('thoughts stay hidden unless the node asks to show them, then sit in a collapsed section', () => {
    renderCanvas();
    expect(screen.queryByTestId('answer-extras-g-thoughts')).toBeNull();
    act(() => commands.setParam('g', 'showThoughts', true));
    const thoughts = screen.getByTestId('answer-extras-g-thoughts') as HTMLDetailsElement;
    expect(thoughts.tagName).toBe('DETAILS');
    expect(thoughts.open).toBe(false);
    expect(thoughts.querySelector('summary')?.textContent).toBe('Thoughts (2 interim images)');
    // Thinking text is text: the model's markup is not interpreted.
    expect(thoughts.textContent).toContain('**Planning** the <b>tide</b> chart');
    expect(thoughts.querySelector('b')).toBeNull();
    expect(thoughts.querySelectorAll('.thought-images > *')).toHaveLength(2);
  });

  it('an answer without grounding or thoughts adds nothing under the outputs', () => {
    renderCanvas();
    act(() =>
      useRunStore.setState({
        nodes: { g: { status: 'done', previous: [], outputs: { images: ['d'.repeat(64)] } } },
      }),
    );
    expect(screen.queryByTestId('answer-extras-g')).toBeNull();
  });

  it('a tool node that passes the image on does not repeat the sources (they belong to the model node)', () => {
    resetStores(workflowOf([{ id: 'r', type: 'resize', position: { x: 0, y: 0 }, params: {} }]));
    useRunStore.setState({ nodes: { r: { status: 'done', previous: [], outputs: groundedOutputs() } } });
    renderCanvas();
    expect(screen.getByTestId('node-outputs-r')).toBeTruthy();
    expect(screen.queryByTestId('answer-extras-r')).toBeNull();
  });

  it('the full-size viewer keeps the sources beside the grounded image', () => {
    renderCanvas(<Viewer />);
    fireEvent.click(screen.getByTestId('output-g-0'));
    const viewer = screen.getByTestId('viewer');
    expect(within(viewer).getByTestId('viewer-answer-extras-grounding-0-suggestions').tagName).toBe('IFRAME');
    expect(within(viewer).getAllByRole('link')).toHaveLength(2);
  });
});
