import { useMemo, useState } from 'react';
import { CompareSlider } from '../compare/CompareSlider';
import { useImageUrl } from '../images/image-urls';
import { Thumb } from '../node-ui/Thumb';
import { useRunStore } from '../store/run-store';
import { useViewStore } from '../store/view-store';

interface Candidate {
  nodeId: string;
  hash: string;
  /** 0: the latest run; n: n runs ago. */
  age: number;
}

/** Every output image on the canvas (latest and earlier runs of each node), each once. */
function useCandidates(except: string): Candidate[] {
  const nodes = useRunStore((state) => state.nodes);
  return useMemo(() => {
    const seen = new Set([except]);
    const out: Candidate[] = [];
    for (const [nodeId, run] of Object.entries(nodes)) {
      const sets = [...(run.outputs ? [run.outputs] : []), ...run.previous];
      sets.forEach((set, age) => {
        for (const hash of set.images) {
          if (seen.has(hash)) continue;
          seen.add(hash);
          out.push({ nodeId, hash, age });
        }
      });
    }
    return out;
  }, [nodes, except]);
}

/** "Compare with…": pick any other output; the viewer then shows the two in a wipe. */
export function ComparePicker({ current, onCancel }: { current: string; onCancel: () => void }) {
  const candidates = useCandidates(current);
  const pick = (hash: string) => {
    const viewer = useViewStore.getState().viewer;
    if (viewer) useViewStore.setState({ viewer: { ...viewer, compareWith: hash } });
    onCancel();
  };
  return (
    <div className="compare-choose" data-testid="compare-picker">
      <p>{candidates.length === 0 ? 'No other output to compare with yet.' : 'Compare with:'}</p>
      <div className="compare-picker">
        {candidates.map((candidate) => (
          <button
            key={candidate.hash}
            type="button"
            data-testid={`compare-pick-${candidate.nodeId}-${candidate.age}`}
            onClick={() => pick(candidate.hash)}
          >
            <Thumb hash={candidate.hash} alt={`output of ${candidate.nodeId}`} />
            <span>
              {candidate.nodeId}
              {candidate.age > 0 ? ` (${candidate.age} run${candidate.age > 1 ? 's' : ''} ago)` : ''}
            </span>
          </button>
        ))}
      </div>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** Two outputs in the viewer: a wipe slider or side by side. */
export function ViewerCompare({ a, b }: { a: string; b: string }) {
  const [mode, setMode] = useState<'slider' | 'side-by-side'>('slider');
  const [split, setSplit] = useState(0.5);
  const aUrl = useImageUrl(a);
  const bUrl = useImageUrl(b);
  const stop = () => {
    const viewer = useViewStore.getState().viewer;
    if (viewer) useViewStore.setState({ viewer: { nodeId: viewer.nodeId, hash: viewer.hash } });
  };
  return (
    <div className="viewer-compare" data-testid="viewer-compare">
      <div className="compare-modes">
        {(['slider', 'side-by-side'] as const).map((name) => (
          <button key={name} type="button" aria-pressed={mode === name} onClick={() => setMode(name)}>
            {name}
          </button>
        ))}
        <button type="button" data-testid="viewer-compare-stop" onClick={stop}>
          Stop comparing
        </button>
      </div>
      {!aUrl || !bUrl ? (
        <p>Image not in memory.</p>
      ) : mode === 'slider' ? (
        <CompareSlider
          a={aUrl}
          b={bUrl}
          split={split}
          onSplit={setSplit}
          testId="viewer-wipe"
          labels={['this output', 'the other output']}
          fit="screen"
        />
      ) : (
        <div className="compare-pair">
          <img src={aUrl} alt="this output" draggable={false} />
          <img src={bUrl} alt="the other output" draggable={false} />
        </div>
      )}
    </div>
  );
}
