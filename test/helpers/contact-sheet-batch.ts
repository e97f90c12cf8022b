import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from './cli';
import { promptGenerateExport } from './workflows';

export const HOSTILE = '<script>document.title="owned"</script><img src=x onerror=alert(1)>';

/**
 * A real batch against the fake Gemini server: two Generates per row into one Export, one row
 * blocked for safety, one row whose prompt is markup. Returns the output folder.
 */
export async function contactSheetBatch(
  fake: FakeGemini,
): Promise<{ cwd: string; out: string; code: number }> {
  const cwd = tempDir('peel-sheet-');
  const workflow = promptGenerateExport(['product shot', 'lifestyle shot']);
  workflow.name = 'Spring catalogue';
  for (const node of workflow.nodes) {
    if (node.id === 'out') node.params = { filename: 'sku-{row}-{node}' };
    if (node.id === 'g0') node.label = 'Studio';
    if (node.id === 'g1') node.label = 'Lifestyle';
  }
  writeFileSync(join(cwd, 'wf.json'), JSON.stringify(workflow));
  writeFileSync(
    join(cwd, 'rows.csv'),
    [
      'prompt0,prompt1',
      'a red kettle on marble,a red kettle in a sunny kitchen',
      'a blue mug on linen,a blue mug by a window',
      'a forbidden teapot,a teapot on a picnic blanket',
      `"${HOSTILE.replaceAll('"', '""')}",a green vase`,
    ].join('\n'),
  );
  fake.addFault({ kind: 'imageSafety', match: (req) => JSON.stringify(req.body).includes('forbidden') });
  const env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
  const result = await runCli(['run', 'wf.json', '--batch', 'rows.csv', '--out', 'out'], { cwd, env });
  return { cwd, out: join(cwd, 'out'), code: result.code };
}
