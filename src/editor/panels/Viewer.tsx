import { useState } from 'react';
import { editorAssets } from '../images/assets';
import { useImageUrl } from '../images/image-urls';
import { downloadImage } from '../io/download';
import { Thumb } from '../node-ui/Thumb';
import { useDocumentStore } from '../store/document-store';
import { IDLE_NODE, useRunStore } from '../store/run-store';
import { useViewStore } from '../store/view-store';
import { ComparePicker, ViewerCompare } from './ViewerCompare';

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** Full-size view of one output, with the node's earlier outputs to compare. */
export function Viewer() {
  const viewer = useViewStore((state) => state.viewer);
  const run = useRunStore((state) => (viewer ? (state.nodes[viewer.nodeId] ?? IDLE_NODE) : IDLE_NODE));
  const workflowName = useDocumentStore((state) => state.doc.name);
  const url = useImageUrl(viewer?.hash);
  const [problem, setProblem] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  if (!viewer) return null;
  const close = () => useViewStore.setState({ viewer: null });
  const show = (hash: string) => useViewStore.setState({ viewer: { nodeId: viewer.nodeId, hash } });
  const mime = editorAssets.getSync(viewer.hash)?.mimeType ?? 'image/png';
  const fileName = `${workflowName || 'peel'}-${viewer.nodeId}-${viewer.hash.slice(0, 8)}.${EXT[mime] ?? 'png'}`;
  const sets = [...(run.outputs ? [run.outputs] : []), ...run.previous];
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
          <button
            type="button"
            data-testid="viewer-download"
            onClick={() => setProblem(downloadImage(viewer.hash, fileName, true))}
          >
            Download
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
        ) : url ? (
          <img className="viewer-image" src={url} alt={`output of ${viewer.nodeId}`} />
        ) : (
          <p>Image not in memory.</p>
        )}
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
