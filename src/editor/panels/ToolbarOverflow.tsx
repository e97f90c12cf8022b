import * as Menu from '@radix-ui/react-dropdown-menu';
import type { ReactNode } from 'react';
import { saveBytes } from '../io/download';
import { exportDocumentText, safeFileName } from '../io/export-workflow';
import { importWorkflowFile } from '../io/import-workflow';
import { useDocumentStore } from '../store/document-store';
import { useFilePicker } from '../ui/use-file-picker';
import { useMediaQuery } from '../ui/use-media-query';

/**
 * Below this width the toolbar would wrap to a second row; "Make component" and the workflow file
 * buttons (export, import) move into the "More" menu instead. The same width is in app.css
 * (`.io-group`).
 */
export const TOOLBAR_OVERFLOW_QUERY = '(max-width: 1440px)';

export const useToolbarOverflow = (): boolean => useMediaQuery(TOOLBAR_OVERFLOW_QUERY);

function exportJson(embedImages: boolean): void {
  const doc = useDocumentStore.getState().doc;
  saveBytes(exportDocumentText(doc, embedImages), `${safeFileName(doc.name)}.peel.json`, 'application/json');
}

/**
 * The workflow file actions as menu items, for the "More" menu of a narrow toolbar. `pickFile`
 * opens the file input that lives outside the menu (the menu's content unmounts when it closes).
 */
export function WorkflowFileItems({ pickFile }: { pickFile: () => void }): ReactNode {
  return (
    <>
      <Menu.Label className="menu-label">Workflow file</Menu.Label>
      <Menu.Item className="menu-item" data-testid="menu-export-json" onSelect={() => exportJson(true)}>
        Export (JSON, with reference images)
      </Menu.Item>
      <Menu.Item className="menu-item" data-testid="menu-export-json-lean" onSelect={() => exportJson(false)}>
        Export (JSON, without images)
      </Menu.Item>
      <Menu.Item className="menu-item" data-testid="menu-import" onSelect={pickFile}>
        Import a workflow or a Peel image…
      </Menu.Item>
      <Menu.Separator className="menu-separator" />
    </>
  );
}

/** A hidden file input for the menu's Import item, and the function that opens it. */
export const useImportPicker = (): { input: ReactNode; pick: () => void } =>
  useFilePicker({
    accept: '.json,application/json,image/png,image/jpeg',
    testId: 'menu-import-file-input',
    onFile: (file) => void importWorkflowFile(file),
  });
