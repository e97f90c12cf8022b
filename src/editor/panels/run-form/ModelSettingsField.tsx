import type { ExposedInput, InputValue } from '../../../engine/inputs';
import { modelInfo } from '../../../engine/models';
import type { WorkflowNode } from '../../../engine/workflow';
import { ModelFeatureControls } from '../../node-ui/ModelFeatureFields';

/** The node's params as the run would see them: the form's settings over the workflow's own. */
function effectiveParams(
  params: Record<string, unknown>,
  settings: Record<string, unknown>,
): Record<string, unknown> {
  const shown = { ...params };
  for (const [key, value] of Object.entries(settings)) {
    if (value === null || value === undefined) delete shown[key];
    else shown[key] = value;
  }
  return shown;
}

/**
 * An exposed model node's options in the run form: the same controls as on the node, limited to
 * what the node's model offers per the catalog. Changes apply to this run only.
 */
export function ModelSettingsField({
  input,
  node,
  value,
  onChange,
}: {
  input: ExposedInput;
  node: WorkflowNode | undefined;
  value: InputValue | undefined;
  onChange: (value: InputValue | undefined) => void;
}) {
  const params = node?.params ?? {};
  const modelId = typeof params.model === 'string' ? params.model : '';
  const model = modelInfo(modelId);
  const settings = value?.kind === 'settings' ? value.settings : {};
  const usable = model && model.catalog.lifecycle.status !== 'retired';
  return (
    <fieldset className="field run-form-settings" data-testid={`run-form-input-${input.name}`}>
      <legend>
        {input.name}
        {model ? <span className="run-form-settings-model"> · {model.displayName}</span> : null}
      </legend>
      {usable ? (
        <ModelFeatureControls
          testKey={`run-form-${input.name}`}
          params={effectiveParams(params, settings)}
          capabilities={model.catalog.capabilities}
          inNode={false}
          // A cleared control is recorded as null so the workflow's own value is cleared too.
          onChange={(name, next) =>
            onChange({
              kind: 'settings',
              settings: { ...settings, [name]: next === undefined ? null : next },
            })
          }
        />
      ) : (
        <p className="panel-hint">
          {modelId || 'This node'} has no options Peel can offer: it is not a current model in the catalog.
        </p>
      )}
      {value ? (
        <button type="button" className="link-button" onClick={() => onChange(undefined)}>
          use the workflow's settings
        </button>
      ) : null}
    </fieldset>
  );
}
