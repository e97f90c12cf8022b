import type { NodeTypes } from '@xyflow/react';
import { EditView } from '../../../nodes/edit/View';
import { ExportView } from '../../../nodes/export/View';
import { GenerateView } from '../../../nodes/generate/View';
import { ImageInputView } from '../../../nodes/imageInput/View';
import { PromptView } from '../../../nodes/prompt/View';
import { ReferenceSetView } from '../../../nodes/referenceSet/View';
import { FrameView } from '../annotations/FrameView';
import { NoteView } from '../annotations/NoteView';
import { BoundaryView } from '../components/BoundaryView';
import { INPUTS_MARKER_TYPE, OUTPUTS_MARKER_TYPE } from '../components/boundary';
import { ComponentView } from '../components/ComponentView';
import { lazyNodeTypes } from './lazy-node-views';
import { positionFree } from './position-free';
import { UnknownNodeView } from './UnknownNodeView';

/**
 * Defined once at module level: React Flow re-mounts every node if this object changes. Bodies
 * skip re-rendering when their node only moves (position-free.ts).
 */
export const nodeTypes: NodeTypes = positionFree({
  prompt: PromptView,
  referenceSet: ReferenceSetView,
  generate: GenerateView,
  edit: EditView,
  export: ExportView,
  imageInput: ImageInputView,
  resize: lazyNodeTypes.resize,
  crop: lazyNodeTypes.crop,
  composite: lazyNodeTypes.composite,
  splitGrid: lazyNodeTypes.splitGrid,
  format: lazyNodeTypes.format,
  compare: lazyNodeTypes.compare,
  sketch: lazyNodeTypes.sketch,
  annotate: lazyNodeTypes.annotate,
  list: lazyNodeTypes.list,
  template: lazyNodeTypes.template,
  textModel: lazyNodeTypes.textModel,
  pick: lazyNodeTypes.pick,
  collect: lazyNodeTypes.collect,
  frame: FrameView,
  note: NoteView,
  component: ComponentView,
  [INPUTS_MARKER_TYPE]: BoundaryView,
  [OUTPUTS_MARKER_TYPE]: BoundaryView,
  unknown: UnknownNodeView,
});
