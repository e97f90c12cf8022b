import { memo, useState } from 'react';
import { inputNameProblem } from '../../engine/workflow';
import { commands, useDocumentStore } from '../store/document-store';

/** "Expose as input" (for the CLI and batches). Invalid or taken names stay local with a hint. */
export const ExposeField = memo(function ExposeField({
  id,
  value,
}: {
  id: string;
  value: string | undefined;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value ?? '';
  let problem: string | null = null;
  if (draft !== null && draft !== '') {
    const nameProblem = inputNameProblem(draft);
    if (nameProblem !== undefined) problem = nameProblem;
    else if (useDocumentStore.getState().doc.nodes.some((node) => node.id !== id && node.exposeAs === draft))
      problem = 'another node already uses this name';
  }
  return (
    <label className="field field-inline">
      <span>Input name</span>
      <input
        className="nodrag"
        data-testid={`expose-${id}`}
        value={shown}
        placeholder="not exposed"
        aria-invalid={problem !== null}
        onChange={(event) => {
          const next = event.target.value;
          setDraft(next);
          const valid =
            next === '' ||
            (inputNameProblem(next) === undefined &&
              !useDocumentStore
                .getState()
                .doc.nodes.some((node) => node.id !== id && node.exposeAs === next));
          if (valid) commands.setExposeAs(id, next === '' ? undefined : next);
        }}
        onBlur={() => setDraft(null)}
      />
      {problem && <small className="field-warning">{problem}</small>}
    </label>
  );
});
