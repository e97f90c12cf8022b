import type { NodeRegistry } from '../src/engine/node-definition';
import { annotateNode } from './annotate/definition';
import { collectNode } from './collect/definition';
import { compareNode } from './compare/definition';
import { compositeNode } from './composite/definition';
import { cropNode } from './crop/definition';
import { editNode } from './edit/definition';
import { exportNode } from './export/definition';
import { formatNode } from './format/definition';
import { generateNode } from './generate/definition';
import { imageInputNode } from './imageInput/definition';
import { listNode } from './list/definition';
import { pickNode } from './pick/definition';
import { promptNode } from './prompt/definition';
import { referenceSetNode } from './referenceSet/definition';
import { resizeNode } from './resize/definition';
import { sketchNode } from './sketch/definition';
import { splitGridNode } from './splitGrid/definition';
import { templateNode } from './template/definition';
import { textModelNode } from './textModel/definition';

/** Adding a node type: one folder under nodes/ and one line here. */
export const nodeRegistry = {
  prompt: promptNode,
  referenceSet: referenceSetNode,
  generate: generateNode,
  edit: editNode,
  export: exportNode,
  imageInput: imageInputNode,
  resize: resizeNode,
  crop: cropNode,
  composite: compositeNode,
  splitGrid: splitGridNode,
  format: formatNode,
  compare: compareNode,
  sketch: sketchNode,
  annotate: annotateNode,
  list: listNode,
  template: templateNode,
  textModel: textModelNode,
  pick: pickNode,
  collect: collectNode,
} satisfies NodeRegistry;

export type NodeType = keyof typeof nodeRegistry;

export const NODE_TYPES = Object.keys(nodeRegistry) as NodeType[];

export function isNodeType(type: string): type is NodeType {
  return Object.hasOwn(nodeRegistry, type);
}
