import { memo } from 'react';
import { modelInfo, selectableModels } from '../../engine/models';
import { commands } from '../store/document-store';
import { str } from './hooks';
import { ModelFeatureFields } from './ModelFeatureFields';
import { RetiredModelNotice } from './RetiredModelNotice';

/**
 * Model, aspect ratio and size: the options follow the model table. An unknown model id stays
 * (files may name newer models) with a warning, and ratio/size become free text.
 */
export const ModelFields = memo(function ModelFields({
  id,
  params,
}: {
  id: string;
  params: Record<string, unknown>;
}) {
  const modelId = str(params.model);
  const model = modelInfo(modelId);
  const selectable = selectableModels();
  const listed = selectable.some((candidate) => candidate.id === modelId);
  const retired = model?.catalog.lifecycle.status === 'retired';
  const aspect = str(params.aspectRatio);
  const size = str(params.imageSize);
  const set = (name: string) => (value: string) =>
    commands.setParam(id, name, value === '' ? undefined : value);
  return (
    <div className="model-fields">
      <label className="field">
        <span>Model</span>
        <select
          className="nodrag"
          data-testid={`model-select-${id}`}
          value={modelId}
          onChange={(event) => set('model')(event.target.value)}
        >
          {!listed && (
            <option value={modelId}>
              {modelId || '(none)'}
              {retired ? ' (retired)' : ''}
            </option>
          )}
          {selectable.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.displayName}
            </option>
          ))}
        </select>
      </label>
      <RetiredModelNotice id={id} model={modelId} />
      {!model && (
        <p className="field-warning" data-testid={`model-warning-${id}`}>
          Unknown model “{modelId}”: Peel does not know its options or prices (price unknown), so a budget cap
          refuses it unless you give it a price (Settings → Model overrides).
        </p>
      )}
      <div className="field-pair">
        <div className="field">
          <span>Aspect ratio</span>
          {model ? (
            <select
              className="nodrag"
              aria-label="Aspect ratio"
              data-testid={`aspect-select-${id}`}
              value={aspect}
              onChange={(event) => set('aspectRatio')(event.target.value)}
            >
              <option value="">model default</option>
              {!model.aspectRatios.includes(aspect) && aspect !== '' && (
                <option value={aspect}>{aspect} (not offered)</option>
              )}
              {model.aspectRatios.map((ratio) => (
                <option key={ratio} value={ratio}>
                  {ratio}
                </option>
              ))}
            </select>
          ) : (
            <input
              className="nodrag"
              aria-label="Aspect ratio"
              data-testid={`aspect-select-${id}`}
              value={aspect}
              placeholder="16:9"
              onChange={(event) => set('aspectRatio')(event.target.value)}
            />
          )}
        </div>
        <label className="field">
          <span>Size</span>
          <select
            className="nodrag"
            data-testid={`size-select-${id}`}
            value={size}
            onChange={(event) => set('imageSize')(event.target.value)}
          >
            <option value="">default</option>
            {model && !(model.imageSizes as readonly string[]).includes(size) && size !== '' && (
              <option value={size}>{size} (not offered)</option>
            )}
            {(model?.imageSizes ?? ['512', '1K', '2K', '4K']).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      </div>
      {model && !retired && (
        <ModelFeatureFields id={id} params={params} capabilities={model.catalog.capabilities} />
      )}
    </div>
  );
});
