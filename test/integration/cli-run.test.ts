import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractWorkflowText } from '../../src/engine/image/embedded-workflow';
import { parseWorkflowText } from '../../src/engine/load';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { tinyPng } from '../helpers/tiny-png';

const examples = resolve(__dirname, '../../examples');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const readRunJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));

describe('peel run against the fake Gemini server', () => {
  for (const [file, calls] of [
    ['text-to-image.json', 1],
    ['product-scenes.json', 2],
    ['generate-edit-edit.json', 3],
    ['brand-mascot.json', 3],
  ] as const) {
    it(`${file}: runs, writes images and run.json; a second run makes zero requests`, async () => {
      const cwd = tempDir();
      const first = await runCli(['run', join(examples, file), '--out', 'out'], { cwd, env });
      expect(first.stderr.join('\n')).not.toMatch(/error/);
      expect(first.code).toBe(0);
      expect(fake.generateRequests()).toHaveLength(calls);
      const run = readRunJson(join(cwd, 'out'));
      expect(run.totals.calls).toBe(calls);
      expect(run.totals.costUsd).toBeGreaterThan(0);
      const files = readdirSync(join(cwd, 'out')).filter(
        (name) => !['run.json', 'index.html'].includes(name),
      );
      expect(files.length).toBeGreaterThan(0);
      const exportNode = run.nodes.find((node: { type: string }) => node.type === 'export');
      expect(exportNode.files.sort()).toEqual(files.sort());
      // Each image carries the workflow that made it.
      const embedded = extractWorkflowText(
        new Uint8Array(readFileSync(join(cwd, 'out', files[0] as string))),
      );
      expect(embedded.ok && embedded.value && parseWorkflowText(embedded.value).ok).toBe(true);

      const second = await runCli(['run', join(examples, file), '--out', 'out2'], { cwd, env });
      expect(second.code).toBe(0);
      expect(fake.generateRequests()).toHaveLength(calls);
      expect(readRunJson(join(cwd, 'out2')).totals).toMatchObject({
        calls: 0,
        cachedNodes: calls,
        costUsd: 0,
      });
    });
  }

  it('peel run image.png replays the workflow embedded in an exported image', async () => {
    const cwd = tempDir();
    const wf = join(examples, 'product-scenes.json');
    expect((await runCli(['run', wf, '--out', 'a', '--input', 'scene1=a red boat'], { cwd, env })).code).toBe(
      0,
    );
    const image = readdirSync(join(cwd, 'a')).find(
      (name) => name.endsWith('.png') || name.endsWith('.jpg'),
    ) as string;
    const replay = await runCli(['run', join('a', image), '--out', 'b'], { cwd, env });
    expect(replay.code).toBe(0);
    // The image carried the inputs that made it (scene1 = a red boat), so everything is cached.
    expect(fake.generateRequests()).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(cwd, 'b/run.json'), 'utf8')).totals.cachedNodes).toBe(2);
  });

  it('changing one --input re-runs only the nodes that depend on it', async () => {
    const cwd = tempDir();
    const wf = join(examples, 'product-scenes.json');
    expect((await runCli(['run', wf, '--out', 'a'], { cwd, env })).code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(2);
    const changed = await runCli(
      ['run', wf, '--out', 'b', '--input', 'scene1=the product on a snowy mountain top'],
      { cwd, env },
    );
    expect(changed.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(3);
    const run = readRunJson(join(cwd, 'b'));
    const status = (id: string) => run.nodes.find((node: { id: string }) => node.id === id).status;
    expect(status('genStreet')).toBe('ran');
    expect(status('genBeach')).toBe('cached');
    const body = JSON.stringify(fake.generateRequests()[2]?.body);
    expect(body).toContain('snowy mountain top');
  });

  it('takes reference images from --input paths, checked by their bytes', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'shoe.png'), tinyPng(42));
    writeFileSync(join(cwd, 'fake.png'), '<html><body>not an image</body></html>');
    const ok = await runCli(
      ['run', join(examples, 'product-scenes.json'), '--input', 'product=shoe.png', '--out', 'o'],
      { cwd, env },
    );
    expect(ok.code).toBe(0);
    const sent = fake.generateRequests()[0]?.body as {
      contents: Array<{ parts: Array<{ inlineData?: { data: string } }> }>;
    };
    const inline = sent.contents.at(-1)?.parts.find((part) => part.inlineData)?.inlineData?.data;
    expect(inline).toBe(Buffer.from(tinyPng(42)).toString('base64'));
    const bad = await runCli(['run', join(examples, 'product-scenes.json'), '--input', 'product=fake.png'], {
      cwd,
      env,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/fake\.png: .*HTML/);
    const missing = await runCli(
      ['run', join(examples, 'product-scenes.json'), '--input', 'product=nowhere.png'],
      { cwd, env },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr.join('\n')).toMatch(/nowhere\.png \(no such file\)/);
    expect(fake.generateRequests()).toHaveLength(2);
  });

  it('exits 2 before any call: unknown input, missing key, invalid workflow', async () => {
    const cwd = tempDir();
    const wf = join(examples, 'text-to-image.json');
    const unknown = await runCli(['run', wf, '--input', 'subject=x'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.join('\n')).toMatch(/no input named "subject"; this workflow exposes: prompt/);
    const noKey = await runCli(['run', wf], { cwd, env: { GEMINI_BASE_URL: fake.url } });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr.join('\n')).toMatch(/GEMINI_API_KEY/);
    writeFileSync(
      join(cwd, 'cycle.json'),
      JSON.stringify({
        format: 'peel.workflow',
        version: 1,
        name: 'c',
        nodes: [
          { id: 'a', type: 'edit', position: { x: 0, y: 0 }, params: { instruction: 'x' } },
          { id: 'b', type: 'edit', position: { x: 0, y: 0 }, params: { instruction: 'y' } },
        ],
        edges: [
          { source: 'a', sourcePort: 'image', target: 'b', targetPort: 'image' },
          { source: 'b', sourcePort: 'image', target: 'a', targetPort: 'image' },
        ],
      }),
    );
    const cycle = await runCli(['run', 'cycle.json'], { cwd, env });
    expect(cycle.code).toBe(2);
    expect(cycle.stderr.join('\n')).toMatch(/cycle through "a" -> "b"/);
    writeFileSync(join(cwd, 'truncated.json'), '{"format": "peel.workflow", "nodes": [');
    const truncated = await runCli(['run', 'truncated.json'], { cwd, env });
    expect(truncated.code).toBe(2);
    expect(truncated.stderr.join('\n')).toMatch(/truncated\.json: not valid JSON/);
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('a self-loop (e.image -> e.image): run and validate exit 2 naming it, zero requests', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'self-loop.json'),
      JSON.stringify({
        format: 'peel.workflow',
        version: 1,
        name: 'self loop',
        nodes: [
          { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a cat' } },
          { id: 'g', type: 'generate', position: { x: 1, y: 0 }, params: {} },
          { id: 'e', type: 'edit', position: { x: 2, y: 0 }, params: { instruction: 'again' } },
        ],
        edges: [
          { source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
          { source: 'e', sourcePort: 'image', target: 'e', targetPort: 'image' },
        ],
      }),
    );
    const said = /"e" is connected to itself \(image -> image\); remove that connection/;
    const run = await runCli(['run', 'self-loop.json', '--out', 'o'], { cwd, env });
    expect(run.code).toBe(2);
    expect(run.stderr.join('\n')).toMatch(said);
    const validate = await runCli(['validate', 'self-loop.json'], { cwd, env });
    expect(validate.code).toBe(2);
    expect(validate.stderr.join('\n')).toMatch(said);
    expect(validate.stdout.join('\n')).not.toMatch(/valid \(/);
    expect(fake.requests).toHaveLength(0);
  });

  it('exits 1 when a node fails, writes what finished, names the failed node', async () => {
    const cwd = tempDir();
    fake.addFault({ kind: 'imageSafety', match: (req) => JSON.stringify(req.body).includes('golden hour') });
    const result = await runCli(['run', join(examples, 'product-scenes.json'), '--out', 'o'], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr.join('\n')).toMatch(/genBeach \(generate\) failed: .*safety/i);
    const run = readRunJson(join(cwd, 'o'));
    expect(run.nodes.find((n: { id: string }) => n.id === 'genStreet').status).toBe('ran');
    expect(readdirSync(join(cwd, 'o')).filter((f) => !['run.json', 'index.html'].includes(f))).toHaveLength(
      1,
    );
  });

  it('a bad key is rejected once, the run stops and the key appears nowhere', async () => {
    const cwd = tempDir();
    // Not Google-shaped, so the pattern redactor cannot be what hides it; built at run time.
    const badKey = ['wrong', 'key', String(Date.now()).slice(-6), 'x'.repeat(8)].join('-');
    const result = await runCli(
      ['run', join(examples, 'product-scenes.json'), '--out', 'o', '--json', '--concurrency', '1'],
      { cwd, env: { ...env, GEMINI_API_KEY: badKey } },
    );
    expect(result.code).toBe(1);
    // One request: the key is rejected (400 API_KEY_INVALID), nothing is retried, the other
    // branch is never attempted.
    expect(fake.generateRequests()).toHaveLength(1);
    expect(fake.generateRequests()[0]?.apiKey).toBe(badKey);
    const everything = [
      ...result.stdout,
      ...result.stderr,
      readFileSync(join(cwd, 'o', 'run.json'), 'utf8'),
    ].join('\n');
    expect(everything).toMatch(/API key rejected/);
    expect(everything).not.toContain(badKey);
  });

  it('--dry-run prints the plan and estimate and makes no call; --provider preview needs no key', async () => {
    const cwd = tempDir();
    const dry = await runCli(['run', join(examples, 'brand-mascot.json'), '--dry-run', '--json'], {
      cwd,
      env: {},
    });
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout[0] as string);
    expect(plan.estimate.calls).toBe(3);
    expect(plan.estimate.usd).toBeGreaterThan(0.1);
    const preview = await runCli(
      ['run', join(examples, 'brand-mascot.json'), '--provider', 'preview', '--out', 'p'],
      { cwd, env: {} },
    );
    expect(preview.code).toBe(0);
    expect(readRunJson(join(cwd, 'p')).totals.costUsd).toBe(0);
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('--max-cost keeps calls under the budget', async () => {
    const cwd = tempDir();
    const result = await runCli(
      ['run', join(examples, 'brand-mascot.json'), '--max-cost', '0.1', '--concurrency', '1', '--out', 'o'],
      { cwd, env },
    );
    expect(result.code).toBe(1);
    expect(fake.generateRequests()).toHaveLength(1);
    expect(result.stderr.join('\n')).toMatch(/would pass the \$0\.10 budget/);
  });
});

describe('peel run with a model the table does not know', () => {
  it('warns, sends it as is, and reports the cost as unknown', async () => {
    const cwd = tempDir();
    const text = readFileSync(join(examples, 'text-to-image.json'), 'utf8').replace(
      'gemini-3.1-flash-image',
      'gemini-9-flash-image',
    );
    writeFileSync(join(cwd, 'future.json'), text);
    const dry = await runCli(['run', 'future.json', '--dry-run'], { cwd, env });
    expect(dry.code).toBe(0);
    const said = dry.stderr.join('\n');
    expect(said).toMatch(
      /warning: model "gemini-9-flash-image" is not in Peel's model catalog: it will be sent as is, price unknown/,
    );
    expect(said).toMatch(/unknown cost/);
    expect(fake.generateRequests()).toHaveLength(0);
  });
});
