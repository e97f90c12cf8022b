import { memo, useEffect, useState } from 'react';
import {
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  useImageUrl,
  useNodeParams,
} from '../../src/editor/node-kit';
import { DrawingSurface } from '../shared/DrawingSurface';
import { labelsOf } from '../shared/labels';
import { strokesOf } from '../shared/strokes-of';
import { useUpstreamImage } from '../shared/use-upstream-image';

/** The input image's height for a surface `width` wide (its aspect ratio), once it has loaded. */
function useSurfaceHeight(url: string | undefined, width: number): number {
  const [height, setHeight] = useState(width);
  useEffect(() => {
    if (!url) return;
    const image = new Image();
    image.onload = () => {
      if (image.naturalWidth > 0) setHeight(Math.round((width * image.naturalHeight) / image.naturalWidth));
    };
    image.src = url;
  }, [url, width]);
  return height;
}

export const AnnotateView = memo(function AnnotateView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const width = typeof params.width === 'number' ? params.width : 1024;
  const under = useUpstreamImage(id, 'image');
  const height = useSurfaceHeight(useImageUrl(under), width);
  return (
    <NodeFrame id={id} type="annotate" selected={selected}>
      {under ? (
        <DrawingSurface
          id={id}
          width={width}
          height={height}
          underHash={under}
          strokes={strokesOf(params)}
          tools={['pen', 'box', 'arrow', 'text', 'eraser']}
          labels={labelsOf(params)}
        />
      ) : (
        <p className="node-notice">Run once to draw on the input image.</p>
      )}
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
