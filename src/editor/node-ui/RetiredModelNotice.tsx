import { memo } from 'react';
import { retirementOf } from '../../engine/catalog';
import { currentReplacement } from '../../engine/model-upgrade';
import { commands } from '../store/document-store';

/**
 * "Retired on DATE" and a one-click Switch (one undo step). Never switched for the user:
 * a replacement changes output and price.
 */
export const RetiredModelNotice = memo(function RetiredModelNotice({
  id,
  model,
}: {
  id: string;
  model: string;
}) {
  const retirement = retirementOf(model);
  if (!retirement) return null;
  const replacement = currentReplacement(model);
  return (
    <div className="field-warning retired-model" data-testid={`model-retired-${id}`} role="alert">
      <span>
        {model} was retired{retirement.shutdown ? ` on ${retirement.shutdown}` : ''}: Google no longer serves
        it.
      </span>
      {replacement && (
        <button
          type="button"
          className="nodrag"
          data-testid={`model-switch-${id}`}
          title="Output and price will differ"
          onClick={() => commands.switchModels([{ nodeId: id, model: replacement }])}
        >
          Switch to {replacement}
        </button>
      )}
    </div>
  );
});
