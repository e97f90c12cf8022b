import { useState } from 'react';
import { catalogModels, compareWithList, type LiveCheck, modelOverrides } from '../../engine/catalog';
import { listGeminiModels } from '../../providers/gemini/model-list';
import { readFileText } from '../io/read-file';
import { useFilePicker } from '../ui/use-file-picker';
import { clearModelOverrides, importModelOverrides, overridesForExport } from './model-overrides';
import { useSettingsStore } from './settings-store';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; live: LiveCheck }
  | { kind: 'failed'; message: string };

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Check models" against the key's model list, and the model overrides file (import/export). */
export function ModelCatalogSettings() {
  const apiKey = useSettingsStore((state) => state.apiKey);
  const baseUrl = useSettingsStore((state) => state.baseUrl);
  const [check, setCheck] = useState<CheckState>({ kind: 'idle' });
  const [problems, setProblems] = useState<string[]>([]);
  const [overridden, setOverridden] = useState(modelOverrides() !== undefined);
  const picker = useFilePicker({
    accept: 'application/json,.json',
    testId: 'import-model-overrides',
    onFile: (file) => void onImport(file),
  });

  const runCheck = async () => {
    setCheck({ kind: 'checking' });
    const listed = await listGeminiModels({ apiKey: apiKey.trim(), baseUrl: baseUrl.trim() || undefined });
    setCheck(
      listed.ok
        ? { kind: 'done', live: compareWithList(listed.value) }
        : { kind: 'failed', message: listed.error.message },
    );
  };

  const onImport = async (file: File) => {
    const errors = importModelOverrides(await readFileText(file), file.name);
    setProblems(errors.map((error) => error.message));
    setOverridden(modelOverrides() !== undefined);
  };

  return (
    <fieldset className="field model-catalog-settings" data-testid="model-catalog-settings">
      <legend>Models</legend>
      <button
        type="button"
        data-testid="check-models"
        disabled={apiKey.trim() === '' || check.kind === 'checking'}
        onClick={() => void runCheck()}
      >
        {check.kind === 'checking' ? 'Checking…' : 'Check models'}
      </button>
      {apiKey.trim() === '' && (
        <small className="field-hint">Enter a key to check which models it can use.</small>
      )}
      {check.kind === 'failed' && (
        <p className="field-warning" role="alert" data-testid="check-models-error">
          {check.message}
        </p>
      )}
      {check.kind === 'done' && (
        <ul className="check-models-result" data-testid="check-models-result">
          {catalogModels()
            .filter((model) => model.lifecycle.status !== 'retired')
            .map((model) => (
              <li key={model.id}>
                {model.id}:{' '}
                {check.live.usable.includes(model.id)
                  ? 'usable with this key'
                  : 'not listed (gone, or not open to this key)'}
              </li>
            ))}
          {check.live.unknownImageModels.map((model) => (
            <li key={model.id}>
              {model.id}: new, not in Peel's catalog: usable, price unknown (a budget cap refuses it unless an
              override gives it a price)
            </li>
          ))}
        </ul>
      )}
      <div className="panel-actions">
        <button type="button" data-testid="import-model-overrides-button" onClick={picker.pick}>
          Import overrides…
        </button>
        {picker.input}
        <button
          type="button"
          data-testid="export-model-overrides"
          onClick={() => download(overridesForExport(modelOverrides()), 'peel-models.json')}
        >
          Export
        </button>
        {overridden && (
          <button
            type="button"
            data-testid="clear-model-overrides"
            onClick={() => {
              clearModelOverrides();
              setOverridden(false);
            }}
          >
            Remove overrides
          </button>
        )}
      </div>
      {overridden && (
        <small className="field-hint" data-testid="model-overrides-active">
          Prices and limits from your override file are in use.
        </small>
      )}
      {problems.length > 0 && (
        <ul className="field-warning" role="alert" data-testid="model-overrides-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
