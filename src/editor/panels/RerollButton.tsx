import { formatUsd } from '../../engine/cost';
import { useRerollEstimate } from '../run/reroll-estimate';
import { startRun } from '../run/run-actions';
import { useSettingsStore } from '../settings/settings-store';
import { useRunStore } from '../store/run-store';
import { useViewStore } from '../store/view-store';
import { count } from '../text/count';
import { Icon } from '../ui/icons';
import { Tip } from '../ui/Tip';

/**
 * Re-roll the selected nodes (past the cache once). Like Run, it shows what it would spend before
 * it is pressed: the calls the re-roll makes (the selected nodes and whatever their new images
 * change downstream) and their price.
 */
export function RerollButton() {
  const running = useRunStore((state) => state.running);
  const selectionSize = useViewStore((state) => state.selectedNodes.size);
  const preview = useSettingsStore((state) => state.provider === 'preview');
  const estimate = useRerollEstimate();
  const cost = estimate ? (preview ? 'free (preview)' : `≈ ${formatUsd(estimate.usd)}`) : null;
  const label =
    estimate && cost
      ? `Re-roll the selected nodes (ignore the cache once): ${count(estimate.calls, 'call')}, ${cost}`
      : 'Re-roll the selected nodes (ignore the cache once)';
  return (
    <Tip label={label}>
      <button
        type="button"
        aria-label={label}
        className="icon-button reroll-button"
        data-testid="reroll-button"
        disabled={running || selectionSize === 0}
        onClick={() => void startRun({ reroll: [...useViewStore.getState().selectedNodes] })}
      >
        <Icon name="dice" />
        {estimate && cost ? (
          <span className="reroll-cost" data-testid="reroll-estimate">
            {preview ? 'free' : formatUsd(estimate.usd)}
          </span>
        ) : null}
      </button>
    </Tip>
  );
}
