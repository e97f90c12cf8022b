import { memo, useState } from 'react';
import {
  type AssetRef,
  acceptImageFile,
  commands,
  currentParams,
  ExposeField,
  NodeFrame,
  type NodeViewProps,
  Thumb,
  useWorkflowNode,
} from '../../src/editor/node-kit';
import { MAX_REFERENCES, referencesOf } from './references';

interface Message {
  kind: 'error' | 'notice';
  text: string;
}

/** Reference images: drop, pick or paste files; each is checked by its bytes before it is kept. */
export const ReferenceSetView = memo(function ReferenceSetView({ id, selected }: NodeViewProps) {
  const node = useWorkflowNode(id);
  const images = referencesOf(node?.params);
  const [messages, setMessages] = useState<Message[]>([]);
  const [over, setOver] = useState(false);

  const addFiles = async (files: readonly (Blob & { name?: string })[]) => {
    if (files.length === 0) return;
    const results = await Promise.all(files.map((file) => acceptImageFile(file)));
    const added: AssetRef[] = [];
    const next: Message[] = [];
    for (const result of results) {
      if (result.ok) {
        added.push(result.ref);
        if (result.notice) next.push({ kind: 'notice', text: result.notice });
      } else next.push({ kind: 'error', text: result.message });
    }
    // Read the list at the time of adding, not the one this render saw.
    const current = referencesOf(currentParams(id));
    const room = MAX_REFERENCES - current.length;
    if (added.length > room)
      next.push({ kind: 'error', text: `a reference set holds at most ${MAX_REFERENCES} images` });
    const kept = added.slice(0, Math.max(0, room));
    if (kept.length > 0) commands.setParam(id, 'images', [...current, ...kept]);
    setMessages(next);
  };

  const remove = (index: number) =>
    commands.setParam(
      id,
      'images',
      images.filter((_, i) => i !== index),
    );

  return (
    <NodeFrame id={id} type="referenceSet" selected={selected}>
      <div className="ref-grid">
        {images.map((image, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a set may hold the same image twice; position is its identity.
          <figure key={`${image.hash}-${index}`} className="ref-item">
            <Thumb hash={image.hash} alt={image.name} testId={`ref-thumb-${id}-${index}`} />
            <figcaption title={image.name}>{image.name}</figcaption>
            <button
              type="button"
              className="ref-remove nodrag"
              aria-label={`Remove ${image.name}`}
              onClick={() => remove(index)}
            >
              ×
            </button>
          </figure>
        ))}
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone also takes paste; the file button inside is the accessible path. */}
      <div
        className={`ref-drop nodrag${over ? ' over' : ''}`}
        data-testid={`ref-drop-${id}`}
        tabIndex={-1}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          event.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          if (event.dataTransfer.files.length === 0) return;
          event.preventDefault();
          event.stopPropagation();
          setOver(false);
          void addFiles([...event.dataTransfer.files]);
        }}
        onPaste={(event) => {
          const files = [...event.clipboardData.files];
          if (files.length === 0) return;
          event.preventDefault();
          event.stopPropagation();
          void addFiles(files);
        }}
      >
        <span>Drop images here, paste, or</span>
        <label className="ref-pick">
          choose files
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp"
            multiple
            data-testid={`ref-file-${id}`}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void addFiles(files);
            }}
          />
        </label>
      </div>
      {messages.map((message) => (
        <p
          key={message.text}
          className={message.kind === 'error' ? 'node-problem' : 'node-notice'}
          data-testid={`ref-message-${id}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ))}
      <label className="field field-inline" title="Each image drives its own run of what reads this set">
        <input
          type="checkbox"
          className="nodrag"
          data-testid={`ref-each-${id}`}
          checked={node?.params.each === true}
          onChange={(event) => commands.setParam(id, 'each', event.target.checked ? true : undefined)}
        />
        <span>One run per image</span>
      </label>
      <ExposeField id={id} value={node?.exposeAs} />
    </NodeFrame>
  );
});
