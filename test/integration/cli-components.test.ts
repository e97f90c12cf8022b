/** Issue #15 through the real CLI against the fake Gemini server: components in files, runs, batches. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { promptText } from '../fake-gemini/faults';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';

const fixture = resolve(__dirname, '../fixtures/workflow-v2.json');
const productScenes = resolve(__dirname, '../../examples/product-scenes.json');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const prompts = () => fake.generateRequests().map((request) => promptText(request.body));

describe('peel run with components', () => {
  it('one component used twice with different inputs makes one call per instance; a re-run makes 0', async () => {
    const cwd = tempDir();
    const first = await runCli(['run', fixture, '--out', 'out'], { cwd, env });
    expect(first.stderr.join('\n')).not.toMatch(/error/);
    expect(first.code).toBe(0);
    expect(prompts().sort()).toEqual([
      'a red sneaker on a wet street at night',
      'the sneaker on a beach at noon',
    ]);
    // The default product image reaches both instances.
    for (const request of fake.generateRequests()) expect(JSON.stringify(request.body)).toMatch(/inlineData/);
    const run = readJson(join(cwd, 'out', 'run.json'));
    expect(run.totals.calls).toBe(2);
    expect(run.nodes.map((node: { id: string }) => node.id).sort()).toEqual(
      [
        'beach/@subject',
        'beach/gen',
        'out',
        'studio/@product',
        'studio/@subject',
        'studio/gen',
        'beach/@product',
      ].sort(),
    );
    expect(run.nodes.find((node: { id: string }) => node.id === 'beach/gen')).toMatchObject({
      type: 'generate',
      model: 'gemini-3.1-flash-image',
    });
    expect(first.stderr.join('\n')).toMatch(/^ok beach › Generate scene \(generate\)/m);

    const second = await runCli(['run', fixture, '--out', 'out2'], { cwd, env });
    expect(second.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(2);
    expect(readJson(join(cwd, 'out2', 'run.json')).totals).toMatchObject({ calls: 0, cachedNodes: 2 });
  });

  it('--dry-run lists inner nodes by path; --input reaches inside an exposed component node', async () => {
    const cwd = tempDir();
    const dry = await runCli(['run', fixture, '--dry-run'], { cwd, env });
    expect(dry.code).toBe(0);
    const plan = dry.stderr.join('\n');
    expect(plan).toMatch(/^ {2}beach › Generate scene \(generate\): will call the model \(1 call/m);
    expect(plan).toMatch(/^ {2}studio › Generate scene \(generate\): will call the model/m);
    expect(plan).toMatch(/estimate: 2 model calls, 0 cached/);
    expect(fake.generateRequests()).toHaveLength(0);

    const withInput = await runCli(
      ['run', fixture, '--input', 'beach-subject=a sneaker on the moon', '--out', 'o'],
      {
        cwd,
        env,
      },
    );
    expect(withInput.code).toBe(0);
    expect(prompts().sort()).toEqual(['a red sneaker on a wet street at night', 'a sneaker on the moon']);
    const unknown = await runCli(['run', fixture, '--input', 'beach=x', '--dry-run'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.join('\n')).toMatch(/this workflow exposes: beach-subject, beach-product/);
  });

  it('--batch columns name exposed component inputs; a row per subject', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'rows.csv'), 'beach-subject\nin the desert\nin the rain\n');
    const result = await runCli(['run', fixture, '--batch', 'rows.csv', '--out', 'out'], { cwd, env });
    expect(result.stderr.join('\n')).not.toMatch(/error/);
    expect(result.code).toBe(0);
    // Two beach rows plus the studio instance, the same in both rows: 3 calls.
    expect(prompts().sort()).toEqual([
      'a red sneaker on a wet street at night',
      'in the desert',
      'in the rain',
    ]);
  });

  it('validate reports errors inside components by their path in the file', async () => {
    const cwd = tempDir();
    const file = readJson(fixture);
    file.components[0].nodes[0].params.aspectRatio = 'wide';
    delete file.components[0].inputs[0].default;
    file.nodes[1].params.inputs = {};
    writeFileSync(join(cwd, 'broken.json'), JSON.stringify(file));
    const result = await runCli(['validate', 'broken.json'], { cwd, env });
    expect(result.code).toBe(2);
    const text = result.stderr.join('\n');
    expect(text).toMatch(/^error: components\[0\]\.nodes\[0\]\.params\.aspectRatio: /m);
    expect(text.match(/aspectRatio/g)).toHaveLength(1);
    expect(text).toMatch(/^error: nodes\[1\] \(sceneMaker\) input "subject": text input has no value/m);
  });

  it('peel component extract makes a component; running the result makes 0 new calls', async () => {
    const cwd = tempDir();
    copyFileSync(productScenes, join(cwd, 'scenes.json'));
    const first = await runCli(['run', 'scenes.json', '--out', 'a'], { cwd, env });
    expect(first.code).toBe(0);
    const calls = fake.generateRequests().length;
    expect(calls).toBe(2);
    const extract = await runCli(
      [
        'component',
        'extract',
        'scenes.json',
        '--nodes',
        'street,genStreet',
        '--name',
        'Scene maker',
        '--out',
        'made.json',
      ],
      { cwd, env },
    );
    expect(extract.stderr).toEqual([]);
    expect(extract.code).toBe(0);
    expect(extract.stdout.join('\n')).toMatch(
      /component "sceneMaker" \(Scene maker\) from 2 nodes; inputs: references \(image\[\]\); outputs: image \(image\); used as node "sceneMaker"/,
    );
    const made = readJson(join(cwd, 'made.json'));
    expect(made.version).toBe(2);
    expect(made.nodes.map((node: { id: string }) => node.id)).toEqual([
      'product',
      'sceneMaker',
      'beach',
      'genBeach',
      'out',
    ]);
    const validate = await runCli(['validate', 'made.json'], { cwd, env });
    expect(validate.code).toBe(0);
    const again = await runCli(['run', 'made.json', '--out', 'b'], { cwd, env });
    expect(again.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(calls);
    expect(readJson(join(cwd, 'b', 'run.json')).totals).toMatchObject({ calls: 0, cachedNodes: 2 });

    const bad = await runCli(['component', 'extract', 'scenes.json', '--nodes', 'ghost', '--name', 'X'], {
      cwd,
      env,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/no node "ghost"/);
  });
});
