// @vitest-environment jsdom
import './setup-dom';
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTheme } from '../../src/editor/settings/theme';
import { commands } from '../../src/editor/store/document-store';
import { renderCanvas, resetStores, sampleWorkflow } from './helpers';

/**
 * The overview map draws in the commit that changed the graph, so it never needs a frame of its
 * own after a big graph opens (that frame repainted the whole page). jsdom has no 2D canvas: the
 * context here records what is drawn, and the canvas's size setters count how often it was sized
 * (sizing clears a canvas and changes its attributes, a style change of the page).
 */

interface Drawn {
  rects: number;
  fillStyles: string[];
}

const drawn: Drawn = { rects: 0, fillStyles: [] };
let sizings = 0;
/** Reads of the node colour variables (each read of computed style is a style recalculation). */
let colourReads = 0;

const proto = HTMLCanvasElement.prototype;
const realGetContext = proto.getContext;
const widthDescriptor = Object.getOwnPropertyDescriptor(proto, 'width');
const heightDescriptor = Object.getOwnPropertyDescriptor(proto, 'height');
const realGetPropertyValue = CSSStyleDeclaration.prototype.getPropertyValue;

function recordingContext(): CanvasRenderingContext2D {
  let fillStyle = '';
  return {
    setTransform: () => undefined,
    clearRect: () => {
      drawn.rects = 0;
      drawn.fillStyles = [];
    },
    fillRect: () => {
      drawn.rects += 1;
      drawn.fillStyles.push(fillStyle);
    },
    get fillStyle() {
      return fillStyle;
    },
    set fillStyle(value: string) {
      fillStyle = value;
    },
  } as unknown as CanvasRenderingContext2D;
}

function countingSize(descriptor: PropertyDescriptor | undefined): PropertyDescriptor {
  return {
    configurable: true,
    get() {
      return descriptor?.get?.call(this);
    },
    set(value: number) {
      sizings += 1;
      descriptor?.set?.call(this, value);
    },
  };
}

beforeEach(() => {
  resetStores(sampleWorkflow());
  drawn.rects = 0;
  drawn.fillStyles = [];
  sizings = 0;
  colourReads = 0;
  const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
  proto.getContext = function (this: HTMLCanvasElement) {
    const context = contexts.get(this) ?? recordingContext();
    contexts.set(this, context);
    return context;
  } as unknown as typeof proto.getContext;
  Object.defineProperty(proto, 'width', countingSize(widthDescriptor));
  Object.defineProperty(proto, 'height', countingSize(heightDescriptor));
  CSSStyleDeclaration.prototype.getPropertyValue = function (name: string) {
    if (name.startsWith('--port-')) colourReads += 1;
    return realGetPropertyValue.call(this, name);
  };
});

afterEach(() => {
  proto.getContext = realGetContext;
  if (widthDescriptor) Object.defineProperty(proto, 'width', widthDescriptor);
  if (heightDescriptor) Object.defineProperty(proto, 'height', heightDescriptor);
  CSSStyleDeclaration.prototype.getPropertyValue = realGetPropertyValue;
  setTheme('system');
});

describe('the overview map', () => {
  it('is drawn in the commit that rendered the graph, not later', () => {
    renderCanvas();
    // No timer has run, no idle moment has come: the nodes are on the map already.
    expect(drawn.rects).toBe(sampleWorkflow().nodes.length);
  });

  it('redraws in the commit of an edit, sizing its canvas only once', () => {
    renderCanvas();
    expect(sizings).toBe(2);
    act(() => {
      commands.loadWorkflow({
        ...sampleWorkflow(),
        nodes: [
          ...sampleWorkflow().nodes,
          { id: 'p2', type: 'prompt', position: { x: 0, y: 600 }, params: { text: 'a second fox' } },
        ],
      });
    });
    expect(drawn.rects).toBe(sampleWorkflow().nodes.length + 1);
    act(() => commands.loadWorkflow(sampleWorkflow()));
    expect(drawn.rects).toBe(sampleWorkflow().nodes.length);
    // Width and height once, at the first draw: later draws clear the canvas instead.
    expect(sizings).toBe(2);
  });

  it('reads the theme colours before any graph is on it, not in the commit that mounts one', () => {
    resetStores({ ...sampleWorkflow(), nodes: [], edges: [] });
    renderCanvas();
    expect(colourReads).toBe(4);
    act(() => commands.loadWorkflow(sampleWorkflow()));
    expect(drawn.rects).toBe(sampleWorkflow().nodes.length);
    expect(colourReads).toBe(4);
  });

  it('reads the theme colours once per theme, whatever the number of draws', () => {
    renderCanvas();
    const variables = colourReads;
    // Each node type with a colour of its own: prompt, reference set, generate, edit.
    expect(variables).toBe(4);
    act(() => commands.loadWorkflow({ ...sampleWorkflow(), name: 'Renamed' }));
    act(() => commands.loadWorkflow(sampleWorkflow()));
    expect(colourReads).toBe(variables);
    act(() => setTheme('dark'));
    expect(colourReads).toBe(2 * variables);
    // Every node is drawn with a colour (the export node, without one of its own, in the fallback).
    expect(drawn.fillStyles).toHaveLength(sampleWorkflow().nodes.length);
    expect(drawn.fillStyles.every((style) => style !== '')).toBe(true);
  });
});
