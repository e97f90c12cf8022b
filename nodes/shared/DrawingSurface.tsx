import { getStroke } from 'perfect-freehand';
import { memo, type PointerEvent, useRef, useState } from 'react';
import { commands, useImageUrl, useLabelPaths } from '../../src/editor/node-kit';
import { FullScreenDrawing } from './FullScreenDrawing';
import { LabelInput } from './LabelInput';
import type { LabelParam } from './labels';
import type { StrokeParam } from './strokes';

export type DrawTool = 'pen' | 'eraser' | 'box' | 'arrow' | 'text';
type Point = [number, number, number];

const NO_LABELS: LabelParam[] = [];

/** SVG path of perfect-freehand's outline: what the pipeline fills, drawn by the browser for the preview. */
function outlinePath(stroke: StrokeParam): string {
  const mouse = stroke.points.every((point) => point[2] === 0.5);
  const outline = getStroke(stroke.points, {
    size: stroke.size,
    thinning: 0.5,
    smoothing: 0.5,
    streamline: 0.5,
    simulatePressure: mouse,
    last: true,
  });
  if (outline.length === 0) return '';
  return `M${outline.map(([x, y]) => `${(x as number).toFixed(2)},${(y as number).toFixed(2)}`).join('L')}Z`;
}

/** Points every ~4 px along a polyline (shapes drawn as strokes, full pressure). */
function densify(corners: Array<[number, number]>): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < corners.length - 1; i++) {
    const [x0, y0] = corners[i] as [number, number];
    const [x1, y1] = corners[i + 1] as [number, number];
    const steps = Math.max(1, Math.round(Math.hypot(x1 - x0, y1 - y0) / 4));
    for (let s = 0; s < steps; s++)
      points.push([x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, 1]);
  }
  const last = corners.at(-1) as [number, number];
  points.push([last[0], last[1], 1]);
  return points;
}

function shapeStrokes(
  tool: 'box' | 'arrow',
  from: Point,
  to: Point,
  base: Omit<StrokeParam, 'points'>,
): StrokeParam[] {
  const [x0, y0] = from;
  const [x1, y1] = to;
  if (tool === 'box')
    return [
      {
        ...base,
        points: densify([
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ]),
      },
    ];
  const angle = Math.atan2(y1 - y0, x1 - x0);
  const head = Math.max(12, base.size * 3);
  const wing = (turn: number): [number, number] => [
    x1 - head * Math.cos(angle + turn),
    y1 - head * Math.sin(angle + turn),
  ];
  return [
    {
      ...base,
      points: densify([
        [x0, y0],
        [x1, y1],
      ]),
    },
    { ...base, points: densify([wing(0.5), [x1, y1], wing(-0.5)]) },
  ];
}

/**
 * A drawing surface in the node: pen, eraser, and (for annotate) boxes and arrows. Each finished
 * stroke is one undo step; the node's output comes from the shared pipeline when it runs.
 */
export const DrawingSurface = memo(function DrawingSurface({
  id,
  width,
  height,
  background,
  underHash,
  strokes,
  tools,
  labels = NO_LABELS,
  fullScreen = false,
}: {
  id: string;
  width: number;
  height: number;
  background?: string;
  underHash?: string | undefined;
  strokes: StrokeParam[];
  tools: readonly DrawTool[];
  /** Annotate's text labels (the `text` tool adds them). */
  labels?: LabelParam[];
  /** The copy inside the full-screen dialog: sized to the window, no button to open another. */
  fullScreen?: boolean;
}) {
  const [expanded, setExpanded] = useState(false);
  const [tool, setTool] = useState<DrawTool>('pen');
  const [colour, setColour] = useState('#e11d48');
  const [size, setSize] = useState(8);
  const [live, setLive] = useState<Point[] | null>(null);
  const [placing, setPlacing] = useState<{ x: number; y: number } | null>(null);
  const labelPaths = useLabelPaths(labels);
  const svg = useRef<SVGSVGElement>(null);
  const under = useImageUrl(underHash);
  const at = (event: PointerEvent): Point => {
    const rect = svg.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return [0, 0, 0.5];
    return [
      Math.round(((event.clientX - rect.left) / rect.width) * width * 10) / 10,
      Math.round(((event.clientY - rect.top) / rect.height) * height * 10) / 10,
      Math.round((event.pressure || 0.5) * 100) / 100,
    ];
  };
  const style = { colour, size, erase: tool === 'eraser' };
  const finish = () => {
    if (!live || live.length === 0) return;
    const added =
      tool === 'box' || tool === 'arrow'
        ? shapeStrokes(tool, live[0] as Point, live.at(-1) as Point, { ...style, erase: false })
        : [{ ...style, points: live }];
    setLive(null);
    commands.setParams(id, { strokes: [...strokes, ...added] }, 'Draw');
  };
  const preview: StrokeParam[] =
    live && live.length > 0
      ? tool === 'box' || tool === 'arrow'
        ? shapeStrokes(tool, live[0] as Point, live.at(-1) as Point, { ...style, erase: false })
        : [{ ...style, points: live }]
      : [];
  return (
    <div className="drawing nodrag nowheel" style={{ position: 'relative' }}>
      <svg
        ref={svg}
        viewBox={`0 0 ${width} ${height}`}
        data-testid={fullScreen ? `drawing-fullscreen-${id}` : `drawing-${id}`}
        style={{
          width: fullScreen ? `min(94vw, calc(78vh * ${width / height}))` : '100%',
          touchAction: 'none',
          cursor: 'crosshair',
          display: 'block',
        }}
        onPointerDown={(event) => {
          if (tool === 'text') {
            // No mouse-down default: it would move the focus away from the new text box.
            event.preventDefault();
            const [x, y] = at(event);
            setPlacing({ x, y });
            return;
          }
          event.currentTarget.setPointerCapture?.(event.pointerId);
          setLive([at(event)]);
        }}
        onPointerMove={(event) => {
          if (live) setLive([...live, at(event)]);
        }}
        onPointerUp={finish}
        onPointerCancel={() => setLive(null)}
      >
        <title>Drawing surface</title>
        <rect width={width} height={height} fill={background ?? 'transparent'} />
        {under ? <image href={under} width={width} height={height} preserveAspectRatio="none" /> : null}
        {[...strokes, ...preview].map((stroke, index) => (
          <path
            // biome-ignore lint/suspicious/noArrayIndexKey: strokes have no identity but their order.
            key={index}
            d={outlinePath(stroke)}
            // The eraser is previewed in the background colour; the run's output erases exactly.
            fill={stroke.erase ? (background ?? '#ffffff') : stroke.colour}
            data-testid={`stroke-${id}-${index}`}
          />
        ))}
        {labels.map((label, index) =>
          labelPaths?.[index] !== undefined ? (
            <path
              // biome-ignore lint/suspicious/noArrayIndexKey: labels have no identity but their order.
              key={index}
              d={labelPaths[index]}
              fill={label.colour}
              data-testid={`label-${id}-${index}`}
            />
          ) : (
            <text
              // biome-ignore lint/suspicious/noArrayIndexKey: as above.
              key={index}
              x={label.x}
              y={label.y}
              fontSize={label.size}
              fontWeight={700}
              fill={label.colour}
              data-testid={`label-${id}-${index}`}
            >
              {label.text}
            </text>
          ),
        )}
      </svg>
      {placing ? (
        <LabelInput
          id={id}
          left={(placing.x / width) * 100}
          top={(placing.y / height) * 100}
          onDone={(text) => {
            setPlacing(null);
            if (text === null || text.trim() === '') return;
            const label: LabelParam = {
              ...placing,
              text: text.trim().slice(0, 80),
              colour,
              size: Math.max(16, size * 5),
            };
            commands.setParams(id, { labels: [...labels, label] }, 'Add label');
          }}
        />
      ) : null}
      <div
        className="drawing-tools"
        style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}
      >
        {tools.map((name) => (
          <button
            key={name}
            type="button"
            aria-pressed={tool === name}
            data-testid={`tool-${name}-${id}`}
            onClick={() => setTool(name)}
          >
            {name}
          </button>
        ))}
        <input
          type="color"
          aria-label="Colour"
          value={colour}
          data-testid={`colour-${id}`}
          onChange={(event) => setColour(event.target.value)}
        />
        <input
          type="range"
          min={1}
          max={64}
          aria-label="Size"
          value={size}
          data-testid={`size-${id}`}
          onChange={(event) => setSize(Number(event.target.value))}
        />
        <button
          type="button"
          disabled={strokes.length === 0}
          data-testid={`undo-stroke-${id}`}
          onClick={() => commands.setParams(id, { strokes: strokes.slice(0, -1) }, 'Undo stroke')}
        >
          undo stroke
        </button>
        <button
          type="button"
          disabled={strokes.length === 0 && labels.length === 0}
          data-testid={`clear-${id}`}
          onClick={() =>
            commands.setParams(
              id,
              { strokes: [], ...(labels.length > 0 ? { labels: [] } : {}) },
              'Clear drawing',
            )
          }
        >
          clear
        </button>
        {fullScreen ? null : (
          <button
            type="button"
            data-testid={`fullscreen-${id}`}
            aria-haspopup="dialog"
            onClick={() => setExpanded(true)}
          >
            full screen
          </button>
        )}
      </div>
      {expanded ? (
        <FullScreenDrawing
          label={tools.includes('box') ? 'Annotate' : 'Sketch'}
          onClose={() => setExpanded(false)}
        >
          <DrawingSurface
            id={id}
            width={width}
            height={height}
            {...(background !== undefined ? { background } : {})}
            underHash={underHash}
            strokes={strokes}
            tools={tools}
            labels={labels}
            fullScreen
          />
        </FullScreenDrawing>
      ) : null}
    </div>
  );
});
