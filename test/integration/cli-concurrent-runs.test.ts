import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractWorkflowText } from '../../src/engine/image/embedded-workflow';
import { parseWorkflowText } from '../../src/engine/load';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { tempDir } from '../helpers/cli';

const root = resolve(__dirname, '../..');
let fake: FakeGemini;

beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/**
 * subject -> generate -> export "shot", plus an unconnected "note" prompt: runs with different
 * notes share the generate node's cache key but embed different workflows, so their files differ.
 */
const workflow = {
  format: 'peel.workflow',
  version: 1,
  name: 'Two at once',
  nodes: [
    {
      id: 'subject',
      type: 'prompt',
      position: { x: 0, y: 0 },
      params: { text: 'a lighthouse' },
      exposeAs: 'subject',
    },
    { id: 'note', type: 'prompt', position: { x: 0, y: 200 }, params: { text: '' }, exposeAs: 'note' },
    { id: 'gen', type: 'generate', position: { x: 300, y: 0 }, params: { model: 'gemini-3.1-flash-image' } },
    { id: 'out', type: 'export', position: { x: 600, y: 0 }, params: { filename: 'shot' } },
  ],
  edges: [
    { source: 'subject', sourcePort: 'text', target: 'gen', targetPort: 'prompt' },
    { source: 'gen', sourcePort: 'image', target: 'out', targetPort: 'images' },
  ],
};

interface Finished {
  code: number | null;
  stderr: string;
}

/** A real `peel run` process (bin/peel.mjs), as a user would start two in two terminals. */
function peelRun(cwd: string, args: string[]): Promise<Finished> {
  const child = spawn(process.execPath, [join(root, 'bin/peel.mjs'), 'run', ...args], {
    cwd,
    env: { ...process.env, GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((done) => child.on('exit', (code) => done({ code, stderr })));
}

const noteIn = (path: string): string => {
  const text = extractWorkflowText(new Uint8Array(readFileSync(path)));
  if (!text.ok || text.value === null) throw new Error(`${path} carries no workflow`);
  const parsed = parseWorkflowText(text.value);
  if (!parsed.ok) throw new Error(`${path}: ${parsed.error[0]?.message}`);
  return String(parsed.value.workflow.nodes.find((node) => node.id === 'note')?.params.text);
};

describe('two peel run processes on one --cache and one --out (issue 11 item 5)', () => {
  it('one generate request per cache key in total; both processes keep their own file, none overwritten', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wf.json'), JSON.stringify(workflow));
    // Slow answers, so the second process starts while the first one's call is in flight.
    fake.setLatency(3000);
    const common = ['wf.json', '--cache', 'cache', '--out', 'out'];
    const [first, second] = await Promise.all([
      peelRun(cwd, [...common, '--input', 'note=first']),
      peelRun(cwd, [...common, '--input', 'note=second']),
    ]);
    expect(first.stderr).not.toMatch(/error|crashed/);
    expect(second.stderr).not.toMatch(/error|crashed/);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(fake.generateRequests()).toHaveLength(1);

    const images = readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.jpg'));
    expect(images.sort()).toEqual(['shot-2.jpg', 'shot.jpg']);
    // Each file is whole and carries the workflow of the process that wrote it: one each.
    expect(images.map((name) => noteIn(join(cwd, 'out', name))).sort()).toEqual(['first', 'second']);
    expect(`${first.stderr}${second.stderr}`).toMatch(/shot\.jpg is taken; wrote shot-2\.jpg/);
    expect(readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(join(cwd, 'cache', 'locks'))).toEqual([]);
  }, 60_000);
});
