import { answerDetailsOf } from './answer-details';
import { expandComponents } from './components/expand';
import type { Usage } from './cost';
import type { RunEvent, RunTotals } from './events';
import type { GroundingSource } from './grounding';
import type { PeelError } from './result';
import type { NodeOutputs } from './values';
import type { Workflow } from './workflow';

export interface NodeRecord {
  id: string;
  /** For one element of a mapped node (`gen[2]`): the node of the file and the element's index from 1. */
  of?: string;
  element?: number;
  type: string;
  status: string;
  cached: boolean;
  durationMs: number;
  usage: Usage | null;
  costUsd: number;
  files: string[];
  /** For an Export: the node that produced each file (file name to node id). */
  producedBy?: Record<string, string>;
  /** The model a model-calling node asked. */
  model?: string;
  /** Export files that could not be written, and why (disk full, name too long, ...). */
  writeErrors?: Array<{ file: string; reason: string }>;
  error?: { code: string; message: string };
  /** e.g. "conversation not kept on this route". */
  notes?: string[];
  /** Per grounded answer: what was searched and the sources used (Google Search grounding). */
  grounding?: Array<{
    webSearchQueries: string[];
    imageSearchQueries?: string[];
    sources: GroundingSource[];
  }>;
  /** Thoughts the model showed (showThoughts): its thinking text and how many interim images. */
  thoughts?: { texts: string[]; images: number };
}

export interface RowRecord {
  row: number;
  inputs: Record<string, unknown>;
  status: string;
  nodes: NodeRecord[];
  totals: RunTotals;
  error?: { code: string; message: string };
}

/** Builds `run.json` node entries from one run's events (the same events the UI consumes). */
export class RunRecorder {
  private readonly nodes = new Map<string, NodeRecord>();
  private readonly types: Map<string, string>;
  private readonly models: Map<string, string>;

  constructor(workflow: Workflow) {
    // Events name the nodes of the flat graph: inside a component by path (`sceneMaker/gen`).
    const { nodes } = expandComponents(workflow).workflow;
    this.types = new Map(nodes.map((node) => [node.id, node.type]));
    this.models = new Map();
    for (const node of nodes)
      if (typeof node.params.model === 'string') this.models.set(node.id, node.params.model);
  }

  onEvent(event: RunEvent): void {
    if (event.type !== 'node-finish') return;
    const fileNode = event.element?.of ?? event.nodeId;
    const record: NodeRecord = {
      id: event.nodeId,
      ...(event.element ? { of: event.element.of, element: event.element.index } : {}),
      type: this.types.get(fileNode) ?? 'unknown',
      status: event.status,
      cached: event.status === 'cached',
      durationMs: event.durationMs,
      usage: event.usage ?? null,
      costUsd: event.costUsd ?? 0,
      files: [],
    };
    const model = this.models.get(fileNode);
    if (model) record.model = model;
    if (event.error) record.error = publicError(event.error);
    if (event.notes && event.notes.length > 0) record.notes = [...event.notes];
    if (model) Object.assign(record, answerRecord(event.outputs));
    this.nodes.set(event.nodeId, record);
  }

  addFiles(nodeId: string, files: string[], producedBy?: string): void {
    const record = this.nodes.get(nodeId);
    if (!record) return;
    record.files.push(...files);
    if (producedBy && producedBy !== nodeId) {
      record.producedBy ??= {};
      for (const file of files) record.producedBy[file] = producedBy;
    }
  }

  addWriteError(nodeId: string, file: string, reason: string): void {
    const record = this.nodes.get(nodeId);
    if (!record) return;
    record.writeErrors = [...(record.writeErrors ?? []), { file, reason }];
  }

  records(): NodeRecord[] {
    return [...this.nodes.values()];
  }
}

export const publicError = (error: PeelError): { code: string; message: string } => ({
  code: error.code,
  message: error.message,
});

/** Grounding and thoughts of a model node's answers, as plain JSON (no image bytes). */
function answerRecord(outputs: NodeOutputs | undefined): Pick<NodeRecord, 'grounding' | 'thoughts'> {
  const answers = answerDetailsOf(outputs);
  const grounding = answers.flatMap(({ grounding: found }) =>
    found
      ? [
          {
            webSearchQueries: found.webSearchQueries,
            ...(found.imageSearchQueries ? { imageSearchQueries: found.imageSearchQueries } : {}),
            sources: found.sources,
          },
        ]
      : [],
  );
  const texts = answers.flatMap((answer) => answer.thoughtTexts);
  const images = answers.reduce((count, answer) => count + answer.thoughtImages.length, 0);
  return {
    ...(grounding.length > 0 ? { grounding } : {}),
    ...(texts.length + images > 0 ? { thoughts: { texts, images } } : {}),
  };
}
