import { z } from 'zod';
import { defineNode, type ExportFile } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok } from '../../src/engine/result';
import { filenameTemplateProblems, fillFilenameTemplate } from './filename';

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
  inputs: { images: port('image[]') },
  outputs: {},
  params: ExportParams,
  check: (params) => filenameTemplateProblems(params.filename),
  run: async ({ params, inputs, node, row, workflowName, startedAt }) => {
    const images = Array.isArray(inputs.images) ? inputs.images : [];
    const exports: ExportFile[] = images.map((image, index) => ({
      baseName: fillFilenameTemplate(params.filename, {
        workflow: workflowName,
        node: node.id,
        row,
        n: index + 1,
        date: startedAt,
      }),
      image,
    }));
    return ok({ outputs: {}, exports });
  },
});
