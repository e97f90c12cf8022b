import { useState } from 'react';
import type { ExposedInput, InputValue } from '../../../engine/inputs';
import type { AssetRef, WorkflowNode } from '../../../engine/workflow';
import { acceptImageFile } from '../../images/upload';
import { Thumb } from '../../node-ui/Thumb';
import { ModelSettingsField } from './ModelSettingsField';

const nodeText = (node: WorkflowNode | undefined): string =>
  typeof node?.params.text === 'string' ? node.params.text : '';

const nodeImages = (node: WorkflowNode | undefined): AssetRef[] => {
  if (Array.isArray(node?.params.images)) return node.params.images as AssetRef[];
  // A single-image node (imageInput) keeps its one image in `image`.
  const single = node?.params.image as AssetRef | undefined;
  return single && typeof single.hash === 'string' ? [single] : [];
};

/** One exposed input: a text area for a prompt, an image picker for a reference set, a model's options, a Pick's index. */
export function InputField({
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
  const [problems, setProblems] = useState<string[]>([]);
  const id = `run-form-${input.name}`;
  if (input.kind === 'settings')
    return <ModelSettingsField input={input} node={node} value={value} onChange={onChange} />;
  if (input.kind === 'index') {
    const current = typeof node?.params.index === 'number' ? node.params.index : 1;
    const index = value?.kind === 'index' ? value.index : current;
    return (
      <label className="field field-inline" htmlFor={id}>
        <span>{input.name} (element from 1)</span>
        <input
          id={id}
          type="number"
          min={1}
          step={1}
          data-testid={`run-form-input-${input.name}`}
          value={index}
          onChange={(event) => {
            const next = Number(event.target.value);
            // Half-typed values stay the workflow's; applyInputs checks what is kept.
            if (Number.isInteger(next) && next >= 1) onChange({ kind: 'index', index: next });
          }}
        />
      </label>
    );
  }
  if (input.kind === 'text') {
    const text = value?.kind === 'text' ? value.text : nodeText(node);
    return (
      <label className="field" htmlFor={id}>
        <span>{input.name}</span>
        <textarea
          id={id}
          data-testid={`run-form-input-${input.name}`}
          rows={4}
          value={text}
          onChange={(event) => onChange({ kind: 'text', text: event.target.value })}
        />
      </label>
    );
  }
  const images = value?.kind === 'images' ? value.images : nodeImages(node);
  const pick = async (files: File[]) => {
    const results = await Promise.all(files.map((file) => acceptImageFile(file)));
    const refs: AssetRef[] = [];
    const next: string[] = [];
    for (const result of results) {
      if (result.ok) refs.push(result.ref);
      else next.push(result.message);
    }
    setProblems(next);
    if (refs.length > 0) onChange({ kind: 'images', images: refs });
  };
  return (
    <div className="field">
      <span>{input.name}</span>
      <div className="ref-grid">
        {images.map((image, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same image may appear twice; position is its identity.
          <figure key={`${image.hash}-${index}`} className="ref-item">
            <Thumb hash={image.hash} alt={image.name} />
            <figcaption title={image.name}>{image.name}</figcaption>
          </figure>
        ))}
      </div>
      <input
        type="file"
        multiple={input.nodeType !== 'imageInput'}
        accept="image/png,image/jpeg,image/webp"
        aria-label={`Images for ${input.name}`}
        data-testid={`run-form-input-${input.name}`}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void pick(files);
        }}
      />
      {value && (
        <button type="button" className="link-button" onClick={() => onChange(undefined)}>
          use the workflow's images
        </button>
      )}
      {problems.map((problem) => (
        <p key={problem} className="node-problem" role="alert">
          {problem}
        </p>
      ))}
    </div>
  );
}
