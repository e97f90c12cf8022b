/**
 * The node kit: everything a node view (`nodes/<type>/View.tsx`) may use from the editor. Views
 * import only this module, their own folder and `nodes/shared` (a test enforces it), so the editor
 * can change its stores, canvas and panels without touching a node folder, and a new node type is
 * its folder plus one registry line.
 *
 * Keep it small and stable: add a name here only when a view needs it, never the stores themselves.
 */
import type { NodeProps } from '@xyflow/react';
import type { CanvasNode } from '../canvas/rf-adapter';

/** What React Flow hands a node view: its id and whether it is selected (the rest is in the hooks). */
export type NodeViewProps = NodeProps<CanvasNode>;

// The model catalog as it stands (with the user's overrides), for model pickers.
export { currentModels } from '../../engine/catalog';
export type { AssetRef } from '../../engine/workflow';
export { CompareSlider } from '../compare/CompareSlider';
export { useImageUrl } from '../images/image-urls';
export { acceptImageFile } from '../images/upload';
export { useLabelPaths } from '../images/use-label-paths';
export { downloadImage } from '../io/download';
// Field components.
export { ElementThumbs } from '../node-ui/ElementStrip';
export { ExposeField } from '../node-ui/ExposeField';
// Hooks for a node's params, status and outputs (each subscribes to its own node only).
export { bool, str, useNodeParams, useNodeRun, useNodeStale, useWorkflowNode } from '../node-ui/hooks';
export { ModelFields } from '../node-ui/ModelFields';
// Frame and pieces of a node body.
export { NodeFrame } from '../node-ui/NodeFrame';
export { OutputPreview } from '../node-ui/OutputPreview';
export { StaleTag } from '../node-ui/StaleTag';
export { Thumb } from '../node-ui/Thumb';
// Edits and files.
export { commands, currentParams } from './commands';
export { useInputConnected, useInputSource, useManyInputCount, useUpstreamImage } from './hooks';
