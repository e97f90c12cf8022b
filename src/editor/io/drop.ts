import type { DragEvent } from 'react';
import { type ImportOutcome, importWorkflowFile, useImportStore } from './import-workflow';

export const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

const NO_WORKFLOW_HINT =
  'To use it as a reference image, drop it on the drop area of a reference set node instead.';

/**
 * A file dropped on the canvas (not on a reference set's drop area, which takes it as a
 * reference): a workflow file or an image carrying one restores the workflow.
 */
export async function importDroppedFiles(files: readonly File[]): Promise<ImportOutcome | null> {
  const file = files[0];
  if (!file) return null;
  const outcome = await importWorkflowFile(file);
  const report = useImportStore.getState().report;
  if (
    !outcome.ok &&
    report &&
    outcome.errors.some((error) => error.message.includes('carries no Peel workflow'))
  )
    useImportStore.setState({ report: { ...report, warnings: [...report.warnings, NO_WORKFLOW_HINT] } });
  return outcome;
}
