import { memo, useState } from 'react';
import {
  bool,
  commands,
  downloadImage,
  NodeFrame,
  type NodeViewProps,
  StaleTag,
  str,
  Thumb,
  useNodeParams,
  useNodeRun,
  useNodeStale,
} from '../../src/editor/node-kit';
import { FILENAME_TOKENS } from './filename';

export const ExportView = memo(function ExportView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const run = useNodeRun(id);
  const stale = useNodeStale(id);
  const [problem, setProblem] = useState<string | null>(null);
  const embed = bool(params.embedWorkflow, true);
  return (
    <NodeFrame id={id} type="export" selected={selected}>
      <label className="field">
        <span>File name</span>
        <input
          className="nodrag"
          data-testid={`filename-${id}`}
          value={str(params.filename, '{workflow}-{node}-{n}')}
          maxLength={200}
          onChange={(event) => commands.setParam(id, 'filename', event.target.value)}
        />
        <small className="field-hint">{FILENAME_TOKENS.join(' ')} · the extension follows the image</small>
      </label>
      <label className="field field-check">
        <input
          type="checkbox"
          className="nodrag"
          data-testid={`embed-${id}`}
          checked={embed}
          onChange={(event) => commands.setParam(id, 'embedWorkflow', event.target.checked)}
        />
        <span>Embed the workflow in the image</span>
      </label>
      {(!run.exports || run.exports.length === 0) && (
        <div className="export-files export-files-empty" data-testid={`exports-empty-${id}`}>
          Files appear here after a run
        </div>
      )}
      {run.exports && run.exports.length > 0 && (
        <ul
          className={`export-files${stale ? ' outputs-stale' : ''}`}
          data-testid={`exports-${id}`}
          data-stale={stale ?? undefined}
        >
          {stale ? <StaleTag id={id} stale={stale} /> : null}
          {run.exports.map((file, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: files are numbered by position; names may repeat
            <li key={`${index}-${file.fileName}`}>
              <Thumb hash={file.hash} alt={file.fileName} className="export-thumb" />
              <button
                type="button"
                className="link-button nodrag"
                onClick={() => void downloadImage(file.hash, file.fileName, embed).then(setProblem)}
              >
                {file.fileName}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && <p className="node-notice">{problem}</p>}
    </NodeFrame>
  );
});
