import type { NodeTypes } from '@xyflow/react';
import { EditView } from '../../../nodes/edit/View';
import { ExportView } from '../../../nodes/export/View';
import { GenerateView } from '../../../nodes/generate/View';
import { PromptView } from '../../../nodes/prompt/View';
import { ReferenceSetView } from '../../../nodes/referenceSet/View';
import { UnknownNodeView } from './UnknownNodeView';

/** Defined once at module level: React Flow re-mounts every node if this object changes. */
export const nodeTypes: NodeTypes = {
  prompt: PromptView,
  referenceSet: ReferenceSetView,
  generate: GenerateView,
  edit: EditView,
  export: ExportView,
  unknown: UnknownNodeView,
};
