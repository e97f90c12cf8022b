import { upgradeRetiredModels } from '../../engine/model-upgrade';
import { commands, useDocumentStore } from '../store/document-store';

/** Offers to switch every retired model in the document at once (one undo step). */
export function RetiredModelsBanner() {
  const doc = useDocumentStore((state) => state.doc);
  const { upgrades } = upgradeRetiredModels(doc);
  if (upgrades.length === 0) return null;
  const names = [...new Set(upgrades.map((upgrade) => `${upgrade.from} → ${upgrade.to}`))].join(', ');
  return (
    <div className="banner warning" data-testid="retired-models-banner" role="alert">
      <span>
        {upgrades.length} node{upgrades.length === 1 ? ' uses a' : 's use'} retired model
        {upgrades.length === 1 ? '' : 's'} ({names}). Output and price of the replacements differ.
      </span>
      <button
        type="button"
        data-testid="retired-models-switch-all"
        onClick={() =>
          commands.switchModels(upgrades.map((upgrade) => ({ nodeId: upgrade.nodeId, model: upgrade.to })))
        }
      >
        Switch all
      </button>
    </div>
  );
}
