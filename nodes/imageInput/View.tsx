import { memo, useState } from 'react';
import {
  type AssetRef,
  acceptImageFile,
  commands,
  ExposeField,
  NodeFrame,
  type NodeViewProps,
  Thumb,
  useWorkflowNode,
} from '../../src/editor/node-kit';

function imageOf(params: Record<string, unknown> | undefined): AssetRef | undefined {
  const image = params?.image as AssetRef | undefined;
  return image && typeof image.hash === 'string' && typeof image.name === 'string' ? image : undefined;
}

/** One image: drop, paste or pick a file; it is checked by its bytes before it is kept. */
export const ImageInputView = memo(function ImageInputView({ id, selected }: NodeViewProps) {
  const node = useWorkflowNode(id);
  const image = imageOf(node?.params);
  const [problem, setProblem] = useState<string | null>(null);
  const take = async (file: Blob & { name?: string }) => {
    const result = await acceptImageFile(file);
    if (result.ok) commands.setParam(id, 'image', result.ref);
    setProblem(result.ok ? (result.notice ?? null) : result.message);
  };
  return (
    <NodeFrame id={id} type="imageInput" selected={selected}>
      {image ? (
        <figure className="ref-item">
          <Thumb hash={image.hash} alt={image.name} testId={`image-input-thumb-${id}`} />
          <figcaption title={image.name}>{image.name}</figcaption>
        </figure>
      ) : null}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone also takes paste; the file button inside is the accessible path. */}
      <div
        className="ref-drop nodrag"
        data-testid={`image-input-drop-${id}`}
        tabIndex={-1}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          event.stopPropagation();
        }}
        onDrop={(event) => {
          const file = event.dataTransfer.files[0];
          if (!file) return;
          event.preventDefault();
          event.stopPropagation();
          void take(file);
        }}
        onPaste={(event) => {
          const file = event.clipboardData.files[0];
          if (!file) return;
          event.preventDefault();
          event.stopPropagation();
          void take(file);
        }}
      >
        <span>{image ? 'Replace: drop, paste or' : 'Drop an image, paste, or'}</span>
        <label className="ref-pick">
          choose a file
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp"
            data-testid={`image-input-file-${id}`}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void take(file);
            }}
          />
        </label>
      </div>
      {problem ? (
        <p className="node-problem" role="alert" data-testid={`image-input-message-${id}`}>
          {problem}
        </p>
      ) : null}
      <ExposeField id={id} value={node?.exposeAs} />
    </NodeFrame>
  );
});
