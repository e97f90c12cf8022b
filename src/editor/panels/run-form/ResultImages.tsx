import { useState } from 'react';
import type { Workflow } from '../../../engine/workflow';
import { editorAssets } from '../../images/assets';
import { downloadImage } from '../../io/download';
import { safeFileName } from '../../io/export-workflow';
import { Thumb } from '../../node-ui/Thumb';

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

export function imageFileName(workflowName: string, label: string, index: number, hash: string): string {
  const mime = editorAssets.getSync(hash)?.mimeType ?? 'image/png';
  return `${safeFileName(workflowName, 'peel')}-${label}-${index + 1}.${EXT[mime] ?? 'png'}`;
}

/** Output thumbnails; a click downloads the image with the workflow that made it. */
export function ResultImages({
  hashes,
  workflow,
  label,
  testId,
}: {
  hashes: readonly string[];
  workflow: Workflow;
  label: string;
  testId: string;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="result-images" data-testid={testId}>
      {hashes.map((hash, index) => (
        <button
          key={hash}
          type="button"
          className="output-thumb"
          title="Download (with the workflow embedded)"
          data-testid={`${testId}-image`}
          onClick={() =>
            void downloadImage(hash, imageFileName(workflow.name, label, index, hash), true, workflow).then(
              setProblem,
            )
          }
        >
          <Thumb hash={hash} alt={`${label} output ${index + 1}`} />
        </button>
      ))}
      {problem && <p className="node-notice">{problem}</p>}
    </div>
  );
}
