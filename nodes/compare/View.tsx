import { memo, useEffect, useRef, useState } from 'react';
import {
  CompareSlider,
  commands,
  NodeFrame,
  type NodeViewProps,
  str,
  useImageUrl,
  useNodeParams,
} from '../../src/editor/node-kit';
import { SelectField } from '../shared/ToolFields';
import { useUpstreamImage } from '../shared/use-upstream-image';

const loadImage = (url: string) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the image could not be shown'));
    image.src = url;
  });

const DIFFERENCE_SIDE = 1024;

/** |a - b| per channel, drawn by the browser, with the mean difference in percent. */
function DifferenceView({ a, b, id }: { a: string; b: string; id: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [mean, setMean] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([loadImage(a), loadImage(b)])
      .then(([first, second]) => {
        const target = canvas.current;
        const context = target?.getContext('2d', { willReadFrequently: true });
        if (!live || !target || !context) return;
        // At most 1024 px a side: the canvas and the mean loop run on the main thread, and a 4K
        // pair at full size would block it for tens of ms (the mean is of this preview).
        const fit = Math.min(1, DIFFERENCE_SIDE / Math.max(first.naturalWidth, first.naturalHeight));
        target.width = Math.max(1, Math.round(first.naturalWidth * fit));
        target.height = Math.max(1, Math.round(first.naturalHeight * fit));
        context.globalCompositeOperation = 'copy';
        context.drawImage(first, 0, 0, target.width, target.height);
        context.globalCompositeOperation = 'difference';
        // b is stretched onto a's size: a difference of unequal sizes still shows where they differ.
        context.drawImage(second, 0, 0, target.width, target.height);
        const pixels = context.getImageData(0, 0, target.width, target.height).data;
        let sum = 0;
        for (let i = 0; i < pixels.length; i += 4)
          sum += (pixels[i] as number) + (pixels[i + 1] as number) + (pixels[i + 2] as number);
        setMean((sum / ((pixels.length / 4) * 3 * 255)) * 100);
      })
      .catch(() => setMean(null));
    return () => {
      live = false;
    };
  }, [a, b]);
  return (
    <div className="compare-difference">
      <canvas ref={canvas} data-testid={`compare-difference-${id}`} style={{ width: '100%' }} />
      {mean !== null ? (
        <p className="node-notice" data-testid={`compare-mean-${id}`}>
          mean difference {mean.toFixed(2)}%
        </p>
      ) : null}
    </div>
  );
}

/** Two images together: a wipe slider (a left of the line, b right), side by side, or their difference. */
export const CompareView = memo(function CompareView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const mode = str(params.mode, 'slider');
  const split = typeof params.split === 'number' ? params.split : 0.5;
  const aHash = useUpstreamImage(id, 'a');
  const bHash = useUpstreamImage(id, 'b');
  const a = useImageUrl(aHash);
  const b = useImageUrl(bHash);
  return (
    <NodeFrame id={id} type="compare" selected={selected}>
      <SelectField
        id={id}
        name="mode"
        label="View"
        value={mode}
        options={['slider', 'side-by-side', 'difference']}
      />
      {aHash && bHash ? (
        <button
          type="button"
          className="nodrag"
          data-testid={`compare-fullscreen-${id}`}
          onClick={() => commands.openViewer({ nodeId: id, hash: aHash, compareWith: bHash })}
        >
          Full screen
        </button>
      ) : null}
      {!a || !b ? (
        <p className="node-notice">Run once to compare the images on a and b.</p>
      ) : mode === 'side-by-side' ? (
        <div className="compare-pair" style={{ display: 'flex', gap: 4 }} data-testid={`compare-pair-${id}`}>
          <img src={a} alt="a" style={{ width: '50%' }} draggable={false} />
          <img src={b} alt="b" style={{ width: '50%' }} draggable={false} />
        </div>
      ) : mode === 'difference' ? (
        <DifferenceView a={a} b={b} id={id} />
      ) : (
        <CompareSlider
          a={a}
          b={b}
          split={split}
          onSplit={(value) => commands.setParam(id, 'split', value)}
          testId={`compare-wipe-${id}`}
        />
      )}
    </NodeFrame>
  );
});
