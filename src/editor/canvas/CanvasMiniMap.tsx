import { Panel, type ReactFlowState, useStore } from '@xyflow/react';
import { memo, type PointerEvent, useEffect, useMemo, useRef } from 'react';
import type { Workflow } from '../../engine/workflow';
import { onIdle } from '../idle';
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

/** The map may lag the graph by this much at most: it is a glance, not where the user works. */
const DRAW_WITHIN_MS = 200;

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
  // The theme's colours, read once per theme: reading them is a style recalculation, which while a
  // big graph mounts bodies (each batch re-measured, the map redrawn) cost a forced recalc per draw.
  const colorCache = useRef<{ theme: string; colors: Map<string, string> } | null>(null);
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

  useEffect(() => {
    // Drawn when the browser is idle (at the latest after DRAW_WITHIN_MS): while a big graph
    // loads, its nodes are measured in several batches and each draw in a frame forced a style
    // recalculation of the whole page (it reads the theme's colours) before the frame's own.
    return onIdle(drawNodes, DRAW_WITHIN_MS);
    function drawNodes() {
      const canvas = canvasRef.current;
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return;
      const ratio = globalThis.devicePixelRatio || 1;
      canvas.width = WIDTH * ratio;
      canvas.height = HEIGHT * ratio;
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, WIDTH, HEIGHT);
      // 'system' follows the OS, which can switch without the store changing.
      const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches === true;
      const key = `${theme}/${dark}`;
      if (colorCache.current?.theme !== key) colorCache.current = { theme: key, colors: new Map() };
      const colors = colorCache.current.colors;
      let styles: CSSStyleDeclaration | undefined;
      for (const node of doc.nodes) {
        const size = measured[node.id] ?? DEFAULT_SIZE;
        let color = colors.get(node.type);
        if (color === undefined) {
          const variable = COLOR_VARIABLE[node.type];
          styles ??= getComputedStyle(canvas);
          color = (variable && styles.getPropertyValue(variable).trim()) || '#9aa4b2';
          colors.set(node.type, color);
        }
        context.fillStyle = color;
        context.fillRect(
          node.position.x * scale + offsetX,
          node.position.y * scale + offsetY,
          Math.max(1, size.width * scale),
          Math.max(1, size.height * scale),
        );
      }
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
