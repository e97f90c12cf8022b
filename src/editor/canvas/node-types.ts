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
import { withOverview } from '../node-ui/OverviewNode';
import { lazyNodeTypes } from './lazy-node-views';
import { positionFree } from './position-free';
import { UnknownNodeView } from './UnknownNodeView';

/**
 * Defined once at module level: React Flow re-mounts every node if this object changes. Bodies
 * skip re-rendering when their node only moves (position-free.ts). Below the level-of-detail
 * switch, registry types show the light overview node instead of their view (OverviewNode.tsx).
 */
export const nodeTypes: NodeTypes = positionFree({
  prompt: withOverview(PromptView),
  referenceSet: withOverview(ReferenceSetView),
  generate: withOverview(GenerateView),
  edit: withOverview(EditView),
  export: withOverview(ExportView),
  imageInput: withOverview(ImageInputView),
  resize: withOverview(lazyNodeTypes.resize),
  crop: withOverview(lazyNodeTypes.crop),
  composite: withOverview(lazyNodeTypes.composite),
  splitGrid: withOverview(lazyNodeTypes.splitGrid),
  format: withOverview(lazyNodeTypes.format),
  compare: withOverview(lazyNodeTypes.compare),
  sketch: withOverview(lazyNodeTypes.sketch),
  annotate: withOverview(lazyNodeTypes.annotate),
  list: withOverview(lazyNodeTypes.list),
  template: withOverview(lazyNodeTypes.template),
  textModel: withOverview(lazyNodeTypes.textModel),
  pick: withOverview(lazyNodeTypes.pick),
  collect: withOverview(lazyNodeTypes.collect),
  frame: FrameView,
  note: NoteView,
  component: ComponentView,
  [INPUTS_MARKER_TYPE]: BoundaryView,
  [OUTPUTS_MARKER_TYPE]: BoundaryView,
  unknown: UnknownNodeView,
});
