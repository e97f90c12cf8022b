import type { Position } from '../../engine/workflow';
import type { LayoutInput } from './layout-input';

/** Page -> layout worker: ids, sizes and links only (never the document). */
export interface LayoutRequest {
  id: number;
  input: LayoutInput;
}

/** Layout worker -> page: top-left corners by node id, or why the layout failed. */
export type LayoutReply = { id: number; positions: [string, Position][] } | { id: number; error: string };
