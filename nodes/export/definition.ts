import { z } from 'zod';
import { defineNode, type ExportFile } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok } from '../../src/engine/result';
import { imagesOf } from '../../src/engine/values';
import { filenameTemplateProblems, fillFilenameTemplate, nodeFileName } from './filename';

export const ExportParams = z.strictObject({
  filename: z.string().min(1, 'give the files a name').max(200).default('{workflow}-{node}-{n}'),
  embedWorkflow: z.boolean().default(true),
});
export type ExportParams = z.infer<typeof ExportParams>;

export const exportNode = defineNode<ExportParams>({
  type: 'export',
  version: 1,
  title: 'Export',
  description: 'Saves images to files named from a template, with the workflow embedded.',
  callsModel: false,
  acceptsPartialInputs: true,
  // Whole: the images of every element of a mapped node arrive at once (one Export, many files).
  inputs: { images: port('image[]', { whole: true }) },
  outputs: {},
  params: ExportParams,
  check: (params) => filenameTemplateProblems(params.filename),
  run: async ({ params, inputs, inputSources, node, row, workflowName, startedAt }) => {
    const images = imagesOf(inputs.images);
    const sources = inputSources?.images ?? [];
    const exportName = nodeFileName({ nodeId: node.id, ...(node.label ? { label: node.label } : {}) });
    // {n} counts per producing node, so each Generate's images are 1, 2, ... under its own name.
    const countPerNode = new Map<string, number>();
    const exports: ExportFile[] = images.map((image, index) => {
      const source = sources[index];
      const producer = source ? nodeFileName(source) : exportName;
      const usesNode = params.filename.includes('{node}');
      const counter = usesNode ? producer : '';
      const n = (countPerNode.get(counter) ?? 0) + 1;
      countPerNode.set(counter, n);
      return {
        baseName: fillFilenameTemplate(params.filename, {
          workflow: workflowName,
          node: producer,
          export: exportName,
          row,
          n,
          date: startedAt,
          i: source?.element ?? n,
          ...(source?.item !== undefined ? { item: source.item } : {}),
        }),
        image,
        ...(source ? { source: source.nodeId } : {}),
      };
    });
    return ok({ outputs: {}, exports });
  },
});
