import type { NodeTypes } from '@xyflow/react';
import { AnnotateView } from '../../../nodes/annotate/View';
import { CollectView } from '../../../nodes/collect/View';
import { CompareView } from '../../../nodes/compare/View';
import { CompositeView } from '../../../nodes/composite/View';
import { CropView } from '../../../nodes/crop/View';
import { EditView } from '../../../nodes/edit/View';
import { ExportView } from '../../../nodes/export/View';
import { FormatView } from '../../../nodes/format/View';
import { GenerateView } from '../../../nodes/generate/View';
import { ImageInputView } from '../../../nodes/imageInput/View';
import { ListView } from '../../../nodes/list/View';
import { PickView } from '../../../nodes/pick/View';
import { PromptView } from '../../../nodes/prompt/View';
import { ReferenceSetView } from '../../../nodes/referenceSet/View';
import { ResizeView } from '../../../nodes/resize/View';
import { SketchView } from '../../../nodes/sketch/View';
import { SplitGridView } from '../../../nodes/splitGrid/View';
import { TemplateView } from '../../../nodes/template/View';
import { TextModelView } from '../../../nodes/textModel/View';
import { FrameView } from '../annotations/FrameView';
import { NoteView } from '../annotations/NoteView';
import { BoundaryView } from '../components/BoundaryView';
import { INPUTS_MARKER_TYPE, OUTPUTS_MARKER_TYPE } from '../components/boundary';
import { ComponentView } from '../components/ComponentView';
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
  resize: ResizeView,
  crop: CropView,
  composite: CompositeView,
  splitGrid: SplitGridView,
  format: FormatView,
  compare: CompareView,
  sketch: SketchView,
  annotate: AnnotateView,
  list: ListView,
  template: TemplateView,
  textModel: TextModelView,
  pick: PickView,
  collect: CollectView,
  frame: FrameView,
  note: NoteView,
  component: ComponentView,
  [INPUTS_MARKER_TYPE]: BoundaryView,
  [OUTPUTS_MARKER_TYPE]: BoundaryView,
  unknown: UnknownNodeView,
});
