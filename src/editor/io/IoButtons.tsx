import { useRef, useState } from 'react';
import { useDocumentStore } from '../store/document-store';
import { Icon } from '../ui/icons';
import { Tip } from '../ui/Tip';
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
      <Tip label="Download the workflow as a JSON file (your API key is never included)">
        <button type="button" className="icon-button" data-testid="export-json-button" onClick={exportJson}>
          <Icon name="download" />
          <span className="wide-only">Export</span>
        </button>
      </Tip>
      <Tip label="Put reference images inside the exported file">
        <label className="toolbar-check">
          <input
            type="checkbox"
            data-testid="export-embed-images"
            checked={embedImages}
            onChange={(event) => setEmbedImages(event.target.checked)}
          />
          <span className="wide-only">images</span>
        </label>
      </Tip>
      <Tip label="Open a workflow file, or an image made by Peel (you can also drop it on the canvas or paste it)">
        <button
          type="button"
          className="icon-button"
          data-testid="import-button"
          onClick={() => fileInput.current?.click()}
        >
          <Icon name="upload" />
          <span className="wide-only">Import</span>
        </button>
      </Tip>
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
