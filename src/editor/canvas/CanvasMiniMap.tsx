import { Panel, type ReactFlowState, useStore } from '@xyflow/react';
import { memo, type PointerEvent, useLayoutEffect, useMemo, useRef } from 'react';
import type { Workflow } from '../../engine/workflow';
import { useThemeStore } from '../settings/theme';
import { useDocumentStore } from '../store/document-store';
import { useViewStore } from '../store/view-store';
import { useFlow } from './flow-handle';

const WIDTH = 200;
const HEIGHT = 140;
const DEFAULT_SIZE = { width: 280, height: 200 };
const COLOR_VARIABLE: Record<string, string> = {
  prompt: '--port-text',
  referenceSet: '--port-images',
  generate: '--port-image',
  edit: '--port-image',
};

const FALLBACK_COLOR = '#9aa4b2';

interface ColorCache {
  key: string;
  colors: Map<string, string>;
}

/**
 * The node colours of the theme on screen, read from its CSS variables once per theme: reading
 * them is a style recalculation, which in the commit that mounts a big graph is the whole page's.
 * 'system' follows the OS, which can switch without the store changing: part of the key.
 */
function themeColors(element: Element, theme: string, cache: ColorCache | null): ColorCache {
  const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches === true;
  const key = `${theme}/${dark}`;
  if (cache?.key === key) return cache;
  const styles = getComputedStyle(element);
  const colors = new Map<string, string>();
  for (const [type, variable] of Object.entries(COLOR_VARIABLE))
    colors.set(type, styles.getPropertyValue(variable).trim() || FALLBACK_COLOR);
  return { key, colors };
}

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function graphBounds(
  doc: Workflow,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Bounds {
  const bounds = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  doc.nodes.forEach((node, index) => {
    const size = measured[node.id] ?? DEFAULT_SIZE;
    if (index === 0)
      Object.assign(bounds, {
        minX: node.position.x,
        minY: node.position.y,
        maxX: node.position.x,
        maxY: node.position.y,
      });
    bounds.minX = Math.min(bounds.minX, node.position.x);
    bounds.minY = Math.min(bounds.minY, node.position.y);
    bounds.maxX = Math.max(bounds.maxX, node.position.x + size.width);
    bounds.maxY = Math.max(bounds.maxY, node.position.y + size.height);
  });
  return bounds;
}

const transformOf = (state: ReactFlowState) => state.transform;
const sizeOf = (state: ReactFlowState) => `${state.width}x${state.height}`;

/**
 * The overview map: nodes drawn once into a canvas (redrawn only when the graph changes) and the
 * viewport as one small box moved on pan. React Flow's SVG minimap repaints every node on every
 * pan frame, which cost a dropped frame at the 95th percentile on a 500-node graph.
 */
export const CanvasMiniMap = memo(function CanvasMiniMap() {
  const doc = useDocumentStore((state) => state.doc);
  const measured = useViewStore((state) => state.measured);
  const [x, y, zoom] = useStore(transformOf);
  const [paneWidth, paneHeight] = useStore(sizeOf).split('x').map(Number) as [number, number];
  const flow = useFlow();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useThemeStore((state) => state.theme);
  const colorCache = useRef<ColorCache | null>(null);
  const nodeBounds = useMemo(() => graphBounds(doc, measured), [doc, measured]);

  // The map frames the graph only, so panning never redraws it; the view box is clipped at the edge.
  const view = {
    minX: -x / zoom,
    minY: -y / zoom,
    maxX: (paneWidth - x) / zoom,
    maxY: (paneHeight - y) / zoom,
  };
  const spanX = Math.max(1, nodeBounds.maxX - nodeBounds.minX);
  const spanY = Math.max(1, nodeBounds.maxY - nodeBounds.minY);
  const scale = Math.min(WIDTH / spanX, HEIGHT / spanY) * 0.9;
  const offsetX = (WIDTH - spanX * scale) / 2 - nodeBounds.minX * scale;
  const offsetY = (HEIGHT - spanY * scale) / 2 - nodeBounds.minY * scale;

  useLayoutEffect(() => {
    // Drawn in the commit that changed the graph, so the map changes in the graph's own frame: a
    // draw of its own (it was put off until idle) cost a frame that repainted the whole page after
    // a 500-node graph opened. Drawing is a few fillRects; what once made it costly in a frame was
    // reading the theme's colours, a style recalculation, now done once per theme (themeColors).
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = globalThis.devicePixelRatio || 1;
    // Sizing a canvas clears it and changes its attributes (a style change of the page): only
    // when the pixel ratio asks for another size, not at every draw.
    if (canvas.width !== WIDTH * ratio) canvas.width = WIDTH * ratio;
    if (canvas.height !== HEIGHT * ratio) canvas.height = HEIGHT * ratio;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, WIDTH, HEIGHT);
    // Read with the empty canvas too: at the first commit, before any graph, the page's style is
    // small; read in the commit that mounts a 500-node graph, it recalculated all of it (20 ms).
    colorCache.current = themeColors(canvas, theme, colorCache.current);
    const colors = colorCache.current.colors;
    for (const node of doc.nodes) {
      const size = measured[node.id] ?? DEFAULT_SIZE;
      context.fillStyle = colors.get(node.type) ?? FALLBACK_COLOR;
      context.fillRect(
        node.position.x * scale + offsetX,
        node.position.y * scale + offsetY,
        Math.max(1, size.width * scale),
        Math.max(1, size.height * scale),
      );
    }
    // Redrawn only when the graph changes (its nodes, sizes, or the scale that frames them).
  }, [doc, measured, scale, offsetX, offsetY, theme]);

  const centerOn = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const worldX = (event.clientX - box.left - offsetX) / scale;
    const worldY = (event.clientY - box.top - offsetY) / scale;
    void flow.setViewport({ x: paneWidth / 2 - worldX * zoom, y: paneHeight / 2 - worldY * zoom, zoom });
  };

  return (
    <Panel position="bottom-right" className="peel-minimap" data-testid="minimap">
      <div
        className="peel-minimap-surface"
        style={{ width: WIDTH, height: HEIGHT }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          centerOn(event);
        }}
        onPointerMove={(event) => {
          if (event.buttons === 1) centerOn(event);
        }}
        role="presentation"
      >
        <canvas ref={canvasRef} style={{ width: WIDTH, height: HEIGHT }} aria-label="Overview of the graph" />
        <div
          className="peel-minimap-view"
          style={{
            transform: `translate(${view.minX * scale + offsetX}px, ${view.minY * scale + offsetY}px)`,
            width: (view.maxX - view.minX) * scale,
            height: (view.maxY - view.minY) * scale,
          }}
        />
      </div>
    </Panel>
  );
});
