import { useRef, useState } from 'react';
import { useDocumentStore } from '../store/document-store';
import { saveBytes } from './download';
import { exportDocumentText, safeFileName } from './export-workflow';
import { importWorkflowFile } from './import-workflow';

/** Toolbar: export the workflow as JSON (reference images embedded or not) and import a file. */
export function IoButtons() {
  const [embedImages, setEmbedImages] = useState(true);
  const fileInput = useRef<HTMLInputElement>(null);
  const exportJson = () => {
    const doc = useDocumentStore.getState().doc;
    saveBytes(
      exportDocumentText(doc, embedImages),
      `${safeFileName(doc.name)}.peel.json`,
      'application/json',
    );
  };
  return (
    <div className="toolbar-group io-group">
      <button
        type="button"
        data-testid="export-json-button"
        onClick={exportJson}
        title="Download the workflow as a JSON file (your API key is never included)"
      >
        Export
      </button>
      <label className="toolbar-check" title="Put reference images inside the file">
        <input
          type="checkbox"
          data-testid="export-embed-images"
          checked={embedImages}
          onChange={(event) => setEmbedImages(event.target.checked)}
        />
        <span>with images</span>
      </label>
      <button
        type="button"
        data-testid="import-button"
        onClick={() => fileInput.current?.click()}
        title="Open a workflow file, or an image made by Peel (you can also drop it on the canvas or paste it)"
      >
        Import
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".json,application/json,image/png,image/jpeg"
        data-testid="import-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importWorkflowFile(file);
        }}
      />
    </div>
  );
}
