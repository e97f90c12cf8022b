import { componentExposedInputs, withComponentInputValue } from './components/exposed';
import { err, ok, type PeelError, peelError, type Result } from './result';
import type { AssetRef, Workflow } from './workflow';

/**
 * A value for an exposed input: text for a prompt, images for a reference set, model settings
 * for a model node (only the optional features below; null clears one back to its default).
 */
export type InputValue =
  | { kind: 'text'; text: string }
  | { kind: 'images'; images: AssetRef[] }
  | { kind: 'settings'; settings: Record<string, unknown> }
  /** A Pick's element index, from 1. */
  | { kind: 'index'; index: number };

export interface ExposedInput {
  name: string;
  nodeId: string;
  nodeType: string;
  kind: 'text' | 'images' | 'settings' | 'index';
  /** For a component node: the component input this name sets (`params.inputs[componentInput]`). */
  componentInput?: string;
  /** Takes exactly one image. */
  single?: boolean;
}

const INPUT_KIND_BY_TYPE: Record<string, ExposedInput['kind']> = {
  prompt: 'text',
  referenceSet: 'images',
  imageInput: 'images',
  generate: 'settings',
  edit: 'settings',
  pick: 'index',
};

/**
 * The model settings an exposed model node takes from outside (run form, `--input`, batch
 * column): its optional model features, never the model, prompt or wiring. The node's own params
 * schema and the catalog check each value when the run validates, as for a value in the file.
 */
export const EXPOSED_MODEL_SETTINGS: readonly string[] = [
  'googleSearch',
  'imageSearch',
  'thinkingLevel',
  'showThoughts',
  'temperature',
  'topP',
  'seed',
  'systemInstruction',
  'safetyThreshold',
  'responseModalities',
];

const EXPOSED_SETTING_SET = new Set(EXPOSED_MODEL_SETTINGS);

/** Settings from text (a CLI `--input` or a batch cell): a JSON object of the settings above. */
export function parseSettingsInput(name: string, text: string): Result<InputValue, PeelError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return err(
      peelError(
        'invalid_input',
        `input "${name}" takes model settings as a JSON object, e.g. {"temperature":0.4,"googleSearch":true}`,
      ),
    );
  }
  return ok({ kind: 'settings', settings: parsed as Record<string, unknown> });
}

function settingsProblem(name: string, settings: Record<string, unknown>): PeelError | undefined {
  const unknown = Object.keys(settings).filter((key) => !EXPOSED_SETTING_SET.has(key));
  if (unknown.length === 0) return undefined;
  return peelError(
    'invalid_input',
    `input "${name}" cannot set ${unknown.map((key) => `"${key}"`).join(', ')}; it takes ${EXPOSED_MODEL_SETTINGS.join(', ')}`,
  );
}

const KIND_WORDS: Record<ExposedInput['kind'], string> = {
  text: 'text',
  images: 'image files',
  settings: 'model settings',
  index: 'an element index (a whole number from 1)',
};

/** Pick's own limit on its index (its params schema says the same). */
export const MAX_PICK_INDEX = 10_000;

/**
 * A Pick's index from text (a CLI `--input` or a batch cell): a whole number from 1. Anything else
 * is refused before the run, naming the input and the value, so nothing is spent on a typo.
 */
export function parseIndexInput(name: string, text: string): Result<InputValue, PeelError> {
  const trimmed = text.trim();
  const index = /^[0-9]+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (Number.isSafeInteger(index) && index >= 1 && index <= MAX_PICK_INDEX)
    return ok({ kind: 'index', index });
  const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
  return err(
    peelError(
      'invalid_input',
      `input "${name}" takes the element to pick, counting from 1 (e.g. ${name}=3); "${shown}" is not a whole number from 1 to ${MAX_PICK_INDEX}`,
    ),
  );
}

/** Node types whose input is exactly one image (kept in `params.image`). */
const SINGLE_IMAGE_TYPES = new Set(['imageInput']);

export function exposedInputs(workflow: Workflow): ExposedInput[] {
  const inputs: ExposedInput[] = [];
  for (const node of workflow.nodes) {
    const kind = INPUT_KIND_BY_TYPE[node.type];
    if (node.exposeAs && kind)
      inputs.push({ name: node.exposeAs, nodeId: node.id, nodeType: node.type, kind });
    else if (node.exposeAs) inputs.push(...componentExposedInputs(workflow, node));
  }
  return inputs;
}

/** An input name the workflow does not expose, with the names it does. */
export function unknownInputError(name: string, available: readonly string[]): PeelError {
  const known =
    available.length > 0
      ? `this workflow exposes: ${available.join(', ')}`
      : 'this workflow exposes no inputs';
  return peelError('unknown_input', `no input named "${name}"; ${known}`);
}

/** A copy of the workflow with exposed inputs replaced; unknown names and wrong kinds are errors. */
export function applyInputs(
  workflow: Workflow,
  values: Record<string, InputValue>,
): Result<Workflow, PeelError[]> {
  const exposed = new Map(exposedInputs(workflow).map((input) => [input.name, input]));
  const errors: PeelError[] = [];
  for (const [name, value] of Object.entries(values)) {
    const input = exposed.get(name);
    if (!input) {
      errors.push(unknownInputError(name, [...exposed.keys()]));
    } else if (input.kind !== value.kind) {
      errors.push(peelError('invalid_input', `input "${name}" takes ${KIND_WORDS[input.kind]}`));
    } else if (value.kind === 'settings') {
      const problem = settingsProblem(name, value.settings);
      if (problem) errors.push(problem);
    } else if (value.kind === 'index') {
      // The run form hands a number: the same rule as for text.
      const checked = parseIndexInput(name, String(value.index));
      if (!checked.ok) errors.push(checked.error);
    } else if (
      value.kind === 'images' &&
      (SINGLE_IMAGE_TYPES.has(input.nodeType) || input.single === true) &&
      value.images.length !== 1
    ) {
      errors.push(peelError('invalid_input', `input "${name}" takes exactly one image`));
    }
  }
  if (errors.length > 0) return err(errors);
  const byNode = new Map(
    [...exposed.values()].filter((input) => !input.componentInput).map((input) => [input.nodeId, input.name]),
  );
  const componentInputs = [...exposed.values()].filter((input) => input.componentInput);
  return ok({
    ...workflow,
    nodes: workflow.nodes.map((node) => {
      if (componentInputs.some((input) => input.nodeId === node.id))
        return withComponentInputValue(node, componentInputs, values);
      const name = byNode.get(node.id);
      // Own properties only: a name like "toString" must never find Object.prototype's.
      const value = name !== undefined && Object.hasOwn(values, name) ? values[name] : undefined;
      if (!value) return node;
      if (value.kind === 'settings') return { ...node, params: withSettings(node.params, value.settings) };
      if (value.kind === 'index') return { ...node, params: { ...node.params, index: value.index } };
      const params =
        value.kind === 'text'
          ? { ...node.params, text: value.text }
          : SINGLE_IMAGE_TYPES.has(node.type)
            ? { ...node.params, image: value.images[0] }
            : { ...node.params, images: value.images };
      return { ...node, params };
    }),
  });
}

/** The node's params with the settings applied; null or undefined clears a setting. */
function withSettings(
  params: Record<string, unknown>,
  settings: Record<string, unknown>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...params };
  for (const [key, value] of Object.entries(settings)) {
    if (value === null || value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}
