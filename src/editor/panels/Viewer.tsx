import { useEffect, useRef, useState } from 'react';
import { editorAssets } from '../images/assets';
import { useImageUrl } from '../images/image-urls';
import { downloadImage } from '../io/download';
import { downloadRunZip } from '../io/run-zip';
import { AnswerExtras } from '../node-ui/AnswerExtras';
import { Thumb } from '../node-ui/Thumb';
import { useDocumentStore } from '../store/document-store';
import { IDLE_NODE, useRunStore } from '../store/run-store';
import { useViewStore } from '../store/view-store';
import { ComparePicker, ViewerCompare } from './ViewerCompare';
import { useViewerZoom, ZOOM_STEP } from './viewer-zoom';

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * Full-size view of one output, with the node's earlier outputs to compare. Wheel, pinch, +/-/0
 * zoom; drag and the arrow keys pan; "Download all" saves every output of the run as one zip.
 */
export function Viewer() {
  const viewer = useViewStore((state) => state.viewer);
  const run = useRunStore((state) => (viewer ? (state.nodes[viewer.nodeId] ?? IDLE_NODE) : IDLE_NODE));
  const workflowName = useDocumentStore((state) => state.doc.name);
  const showThoughts = useDocumentStore(
    (state) =>
      !!viewer && state.doc.nodes.find((node) => node.id === viewer.nodeId)?.params.showThoughts === true,
  );
  const url = useImageUrl(viewer?.hash);
  const [problem, setProblem] = useState<string | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const zoom = useViewerZoom(stage, viewer?.hash ?? '');
  const open = viewer !== null;
  // Keys zoom and pan as soon as the viewer opens.
  useEffect(() => {
    if (open) stage.current?.focus();
  }, [open]);
  const [picking, setPicking] = useState(false);
  if (!viewer) return null;
  const close = () => useViewStore.setState({ viewer: null });
  const show = (hash: string) => useViewStore.setState({ viewer: { nodeId: viewer.nodeId, hash } });
  const mime = editorAssets.getSync(viewer.hash)?.mimeType ?? 'image/png';
  const fileName = `${workflowName || 'peel'}-${viewer.nodeId}-${viewer.hash.slice(0, 8)}.${EXT[mime] ?? 'png'}`;
  const sets = [...(run.outputs ? [run.outputs] : []), ...run.previous];
  // The grounded answer shown here keeps its sources and suggestions beside it (Google's rule).
  const shownSet = sets.find((set) => set.images.includes(viewer.hash));

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click outside closes; Escape does the same from the keyboard.
    <div className="viewer-backdrop" role="presentation" onClick={close}>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes the viewer (global shortcut). */}
      <div
        className="viewer"
        data-testid="viewer"
        role="dialog"
        aria-modal="true"
        aria-label={`Output of ${viewer.nodeId}`}
        onClick={(event) => event.stopPropagation()}
      >
        <header>
          <strong>{viewer.nodeId}</strong>
          <span className="viewer-zoom">
            <button
              type="button"
              aria-label="Zoom out"
              title="Zoom out (-)"
              data-testid="viewer-zoom-out"
              onClick={() => zoom.zoomBy(1 / ZOOM_STEP)}
            >
              −
            </button>
            <button
              type="button"
              className="viewer-zoom-level"
              title="Fit (0)"
              data-testid="viewer-zoom-reset"
              onClick={zoom.reset}
            >
              {Math.round(zoom.transform.scale * 100)}%
            </button>
            <button
              type="button"
              aria-label="Zoom in"
              title="Zoom in (+)"
              data-testid="viewer-zoom-in"
              onClick={() => zoom.zoomBy(ZOOM_STEP)}
            >
              +
            </button>
          </span>
          <button
            type="button"
            data-testid="viewer-download"
            onClick={() => void downloadImage(viewer.hash, fileName, true).then(setProblem)}
          >
            Download
          </button>
          <button
            type="button"
            data-testid="viewer-download-all"
            title="Every output of the last run, as one .zip, named as the Export node would name them"
            onClick={() => {
              const runs = useRunStore.getState();
              setProblem(downloadRunZip(runs.ranDoc ?? useDocumentStore.getState().doc, runs.nodes));
            }}
          >
            Download all (.zip)
          </button>
          <button type="button" data-testid="viewer-compare-with" onClick={() => setPicking(true)}>
            Compare with…
          </button>
          <button type="button" aria-label="Close viewer" data-testid="viewer-close" onClick={close}>
            ×
          </button>
        </header>
        {picking ? (
          <ComparePicker current={viewer.hash} onCancel={() => setPicking(false)} />
        ) : viewer.compareWith ? (
          <ViewerCompare a={viewer.hash} b={viewer.compareWith} />
        ) : (
          <div
            ref={stage}
            className="viewer-stage"
            data-testid="viewer-stage"
            role="application"
            aria-roledescription="zoomable image"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the stage takes the zoom and pan keys (+, -, 0, arrows)
            tabIndex={0}
            aria-label="Image: +/- zoom, 0 fits, arrows move"
            onKeyDown={zoom.onKeyDown}
            onPointerDown={zoom.onPointerDown}
            onPointerMove={zoom.onPointerMove}
            onPointerUp={zoom.onPointerUp}
            onPointerCancel={zoom.onPointerUp}
          >
            {url ? (
              <img
                className="viewer-image"
                src={url}
                alt={`output of ${viewer.nodeId}`}
                draggable={false}
                data-testid="viewer-image"
                style={{
                  transform: `translate(${zoom.transform.x}px, ${zoom.transform.y}px) scale(${zoom.transform.scale})`,
                }}
              />
            ) : (
              <p>Image not in memory.</p>
            )}
          </div>
        )}
        {shownSet ? (
          <AnswerExtras outputs={shownSet} showThoughts={showThoughts} testId="viewer-answer-extras" />
        ) : null}
        {problem && <p className="node-notice">{problem}</p>}
        {sets.length > 1 || (sets[0]?.images.length ?? 0) > 1 ? (
          <div className="viewer-history" title="Earlier outputs">
            {sets.map((set, setIndex) =>
              set.images.map((hash) => (
                <button
                  // biome-ignore lint/suspicious/noArrayIndexKey: runs are ordered newest first; the run index is the identity.
                  key={`${setIndex}-${hash}`}
                  type="button"
                  className={hash === viewer.hash ? 'current' : ''}
                  onClick={() => show(hash)}
                  title={setIndex === 0 ? 'latest run' : `${setIndex} run(s) ago`}
                >
                  <Thumb hash={hash} alt={setIndex === 0 ? 'latest output' : 'earlier output'} />
                </button>
              )),
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}
