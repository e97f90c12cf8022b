import { memo } from 'react';
import { SAFETY_THRESHOLDS } from '../../../nodes/shared/model-features';
import type { ModelCapabilities } from '../../engine/catalog';
import { commands, useDocumentStore } from '../store/document-store';
import { ExposeField } from './ExposeField';
import { str } from './hooks';

const SAFETY_WORDS: Record<(typeof SAFETY_THRESHOLDS)[number], string> = {
  BLOCK_LOW_AND_ABOVE: 'strict',
  BLOCK_MEDIUM_AND_ABOVE: 'medium',
  BLOCK_ONLY_HIGH: 'only high risk',
  BLOCK_NONE: 'block none',
  OFF: 'off',
};

const numberOrUndefined = (text: string): number | undefined => {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
};

/**
 * The optional features the model offers, and only those (the catalog decides): an unknown model
 * shows none, since Peel cannot tell what it accepts. Shared by the node and the run form.
 */
export function ModelFeatureControls({
  testKey,
  params,
  capabilities,
  onChange,
  inNode = true,
}: {
  /** Suffix of each control's test id (`temperature-${testKey}`). */
  testKey: string;
  params: Record<string, unknown>;
  capabilities: ModelCapabilities;
  /** A cleared control (empty, unchecked) passes undefined: back to the default. */
  onChange: (name: string, value: unknown) => void;
  /** On the canvas, controls must not start a node drag. */
  inNode?: boolean;
}) {
  const id = testKey;
  const nodrag = inNode ? 'nodrag' : undefined;
  const set = (name: string) => (value: unknown) =>
    onChange(name, value === '' || value === false ? undefined : value);
  const checkbox = (name: string, label: string, title?: string) => (
    <label className="field field-check" title={title}>
      <input
        type="checkbox"
        className={nodrag}
        data-testid={`${name}-${id}`}
        checked={params[name] === true}
        onChange={(event) => set(name)(event.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
  const numberField = (
    name: string,
    label: string,
    bounds: { min: number; max: number; step: number },
    title?: string,
  ) => (
    <label className="field" title={title}>
      <span>{label}</span>
      <input
        type="number"
        className={nodrag}
        data-testid={`${name}-${id}`}
        min={bounds.min}
        max={bounds.max}
        step={bounds.step}
        value={typeof params[name] === 'number' ? String(params[name]) : ''}
        placeholder="default"
        onChange={(event) => set(name)(numberOrUndefined(event.target.value))}
      />
    </label>
  );
  return (
    <>
      {capabilities.searchGrounding &&
        checkbox(
          'googleSearch',
          'Ground in Google Search',
          'Search results inform the image; billed per grounded call',
        )}
      {capabilities.imageSearch && checkbox('imageSearch', 'Also use Google Image Search')}
      {capabilities.thinkingLevels.length > 0 && (
        <label className="field">
          <span>Thinking</span>
          <select
            className={nodrag}
            data-testid={`thinkingLevel-${id}`}
            value={str(params.thinkingLevel)}
            onChange={(event) => set('thinkingLevel')(event.target.value)}
          >
            <option value="">model default</option>
            {capabilities.thinkingLevels.map((level) => (
              <option key={level} value={level}>
                {level.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      )}
      {capabilities.thoughts &&
        checkbox('showThoughts', 'Show thoughts', 'Interim images shown on the node, never exported')}
      {capabilities.sampling && (
        <div className="field-pair">
          {numberField('temperature', 'Temperature', { min: 0, max: 2, step: 0.1 })}
          {numberField('topP', 'Top P', { min: 0, max: 1, step: 0.05 })}
          {numberField(
            'seed',
            'Seed',
            { min: 0, max: 2_147_483_647, step: 1 },
            'A seed may not make output repeatable',
          )}
        </div>
      )}
      {capabilities.systemInstruction && (
        <label className="field">
          <span>System instruction</span>
          <textarea
            className={nodrag}
            data-testid={`systemInstruction-${id}`}
            value={str(params.systemInstruction)}
            onChange={(event) => set('systemInstruction')(event.target.value)}
          />
        </label>
      )}
      {capabilities.safetySettings && (
        <label className="field">
          <span>Safety filter</span>
          <select
            className={nodrag}
            data-testid={`safetyThreshold-${id}`}
            value={str(params.safetyThreshold)}
            onChange={(event) => set('safetyThreshold')(event.target.value)}
          >
            <option value="">Google default</option>
            {SAFETY_THRESHOLDS.map((threshold) => (
              <option key={threshold} value={threshold}>
                {SAFETY_WORDS[threshold]}
              </option>
            ))}
          </select>
        </label>
      )}
      {capabilities.imageOnlyOutput && (
        <label className="field">
          <span>Answer</span>
          <select
            className={nodrag}
            data-testid={`responseModalities-${id}`}
            value={str(params.responseModalities)}
            onChange={(event) => set('responseModalities')(event.target.value)}
          >
            <option value="">image and text</option>
            <option value="image">image only</option>
          </select>
        </label>
      )}
    </>
  );
}

/** The node's "Model options": the controls, plus a name that offers them in the run form. */
export const ModelFeatureFields = memo(function ModelFeatureFields({
  id,
  params,
  capabilities,
}: {
  id: string;
  params: Record<string, unknown>;
  capabilities: ModelCapabilities;
}) {
  const exposeAs = useDocumentStore((state) => state.doc.nodes.find((node) => node.id === id)?.exposeAs);
  return (
    <details className="model-features" data-testid={`model-features-${id}`}>
      <summary>Model options</summary>
      <ModelFeatureControls
        testKey={id}
        params={params}
        capabilities={capabilities}
        onChange={(name, value) => commands.setParam(id, name, value)}
      />
      {/* Named, these options appear in the run form (and take --input NAME='{"seed":1}'). */}
      <ExposeField id={id} value={exposeAs} />
    </details>
  );
});
