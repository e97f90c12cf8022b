/** Retired models, the live model list, unknown prices and overrides, through the CLI. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseWorkflowText } from '../../src/engine/load';
import { serializeWorkflow } from '../../src/engine/save';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';

const examples = resolve(__dirname, '../../examples');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** text-to-image.json with its Generate node on another model, written into a fresh directory. */
function workflowWithModel(model: string): { cwd: string; file: string } {
  const cwd = tempDir();
  const text = readFileSync(join(examples, 'text-to-image.json'), 'utf8').replace(
    '"model": "gemini-3.1-flash-image"',
    `"model": "${model}"`,
  );
  expect(text).toContain(model);
  writeFileSync(join(cwd, 'old.json'), text);
  return { cwd, file: 'old.json' };
}

const modelsSent = () => fake.generateRequests().map((request) => request.model);

describe('a retired model in a workflow file', () => {
  it('peel run exits 2 before any call, naming the model, its shutdown date, the replacement and what to do', async () => {
    const { cwd, file } = workflowWithModel('gemini-2.5-flash-image');
    const run = await runCli(['run', file, '--out', 'out'], { cwd, env });
    expect(run.code).toBe(2);
    const said = run.stderr.join('\n');
    expect(said).toContain('model gemini-2.5-flash-image was shut down by Google on 2026-10-02');
    expect(said).toContain('its replacement is gemini-3.1-flash-image');
    expect(said).toContain(`peel run ${file} --upgrade-models`);
    expect(said).toContain(`peel upgrade-models ${file} --out NEW.json`);
    expect(fake.requests).toHaveLength(0);

    const validate = await runCli(['validate', file], { cwd, env });
    expect(validate.code).toBe(2);
    expect(validate.stderr.join('\n')).toContain(
      'gemini-2.5-flash-image was shut down by Google on 2026-10-02',
    );
  });

  it('--upgrade-models runs the replacement, and says so', async () => {
    const { cwd, file } = workflowWithModel('gemini-3-pro-image-preview');
    const run = await runCli(['run', file, '--out', 'out', '--upgrade-models'], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stderr.join('\n')).toContain(
      'node "gen" runs gemini-3-pro-image instead of the retired gemini-3-pro-image-preview',
    );
    expect(modelsSent()).toEqual(['gemini-3-pro-image']);
    expect(fake.generateRequests()[0]?.path).toBe('/v1beta/models/gemini-3-pro-image:generateContent');
  });

  it('peel upgrade-models rewrites the file canonically, and the result round-trips', async () => {
    const { cwd, file } = workflowWithModel('gemini-2.5-flash-image');
    const upgrade = await runCli(['upgrade-models', file, '--out', 'new.json'], { cwd, env });
    expect(upgrade.code).toBe(0);
    expect(upgrade.stderr.join('\n')).toContain(
      'node "gen": gemini-2.5-flash-image -> gemini-3.1-flash-image',
    );
    const written = readFileSync(join(cwd, 'new.json'), 'utf8');
    const parsed = parseWorkflowText(written);
    if (!parsed.ok) throw new Error('the upgraded file does not load');
    expect(parsed.value.workflow.nodes.find((node) => node.id === 'gen')?.params.model).toBe(
      'gemini-3.1-flash-image',
    );
    // Canonical: saving what was loaded gives the same bytes.
    expect(serializeWorkflow(parsed.value.workflow)).toBe(written);
    // The original is untouched; the upgraded one validates and needs nothing more.
    expect(readFileSync(join(cwd, file), 'utf8')).toContain('gemini-2.5-flash-image');
    expect((await runCli(['validate', 'new.json'], { cwd, env })).code).toBe(0);
    const again = await runCli(['upgrade-models', 'new.json'], { cwd, env });
    expect(again.stdout.join('\n')).toContain('no retired models; nothing to change');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('peel models', () => {
  it('prints the catalog offline: status, prices with their date, limits', async () => {
    const out = await runCli(['models', '--offline'], { cwd: tempDir(), env: {} });
    expect(out.code).toBe(0);
    const text = out.stdout.join('\n');
    // Deprecated by Google on 2026-10-06 (read 2026-12-02): still usable, successor named.
    expect(text).toContain('gemini-3.1-flash-image  [image, deprecated -> gemini-nano-banana-2.1]');
    expect(text).toContain('gemini-nano-banana-2.1  [image, ga]');
    expect(text).toContain('gemini-2.5-flash-image  [image, retired 2026-10-02 -> gemini-3.1-flash-image]');
    expect(text).toMatch(
      /in \$0\.5\/1M, text out \$3\/1M, image out \$60\/1M \(\$0\.07 per 1K image\); read 2026-11-25/,
    );
    expect(text).toContain('14 refs, sizes 512/1K/2K/4K, 14 ratios');
    expect(fake.requests).toHaveLength(0);
  });

  it('with a key, lists models through models.list and marks usable, and new image models', async () => {
    fake.addModels(['gemini-3.2-flash-image']);
    const out = await runCli(['models'], { cwd: tempDir(), env });
    expect(out.code).toBe(0);
    const text = out.stdout.join('\n');
    expect(text).toContain('usable  gemini-3.1-flash-image');
    expect(text).toContain('usable  gemini-3.5-flash');
    expect(text).toContain('new     gemini-3.2-flash-image  [image?, not in the catalog]');
    expect(fake.requests.some((request) => request.path.startsWith('/v1beta/models?'))).toBe(true);
  });
});

describe('a model the catalog lacks (from the live list)', () => {
  it('runs with "price unknown", but a budget cap refuses it', async () => {
    fake.addModels(['gemini-3.2-flash-image']);
    const { cwd, file } = workflowWithModel('gemini-3.2-flash-image');
    const dry = await runCli(['run', file, '--dry-run'], { cwd, env });
    expect(dry.code).toBe(0);
    expect(dry.stderr.join('\n')).toContain('price unknown');

    const capped = await runCli(['run', file, '--out', 'capped', '--max-cost', '5'], { cwd, env });
    expect(capped.code).toBe(1);
    expect(capped.stderr.join('\n')).toMatch(/budget/);
    expect(fake.generateRequests()).toHaveLength(0);

    const free = await runCli(['run', file, '--out', 'out'], { cwd, env });
    expect(free.code).toBe(0);
    expect(modelsSent()).toEqual(['gemini-3.2-flash-image']);
  });

  it('an override file gives it a price: the estimate says so and the capped run goes ahead', async () => {
    fake.addModels(['gemini-3.2-flash-image']);
    const { cwd, file } = workflowWithModel('gemini-3.2-flash-image');
    writeFileSync(
      join(cwd, 'models.json'),
      JSON.stringify({
        read: '2026-12-01',
        models: {
          'gemini-3.2-flash-image': {
            kind: 'image',
            prices: {
              inputPerMillion: 1,
              textOutputPerMillion: 5,
              imageOutputPerMillion: 100,
              imageTokensBySize: { '1K': 1000 },
            },
            limits: { imageSizes: ['1K'], aspectRatios: ['4:3', '1:1'] },
          },
        },
      }),
    );
    const dry = await runCli(['run', file, '--dry-run', '--models', 'models.json'], { cwd, env });
    expect(dry.code).toBe(0);
    const said = dry.stderr.join('\n');
    expect(said).toContain('price of gemini-3.2-flash-image from your override (read 2026-12-01)');
    expect(said).not.toContain('price unknown');
    // 1000 image tokens × $100/1M = $0.10, plus a little input and text.
    expect(said).toMatch(/~\$0\.10/);
    const capped = await runCli(['run', file, '--out', 'out', '--max-cost', '1'], {
      cwd,
      env: { ...env, PEEL_MODELS: 'models.json' },
    });
    expect(capped.code).toBe(0);
    expect(modelsSent()).toEqual(['gemini-3.2-flash-image']);
  });

  it('an override of a known model changes its estimate; a bad override file exits 2 naming the field', async () => {
    const { cwd, file } = workflowWithModel('gemini-3.1-flash-image');
    const before = (await runCli(['run', file, '--dry-run'], { cwd, env })).stderr.join('\n');
    expect(before).toMatch(/~\$0\.07/);
    writeFileSync(
      join(cwd, 'cheap.json'),
      JSON.stringify({ models: { 'gemini-3.1-flash-image': { prices: { imageOutputPerMillion: 6 } } } }),
    );
    const after = (
      await runCli(['run', file, '--dry-run', '--models', 'cheap.json'], { cwd, env })
    ).stderr.join('\n');
    // 1120 image tokens × $6/1M instead of $60/1M, plus input, text and thinking as before.
    expect(after).toMatch(/~\$0\.0074/);
    expect(after).toContain('price of gemini-3.1-flash-image from your override');
    writeFileSync(
      join(cwd, 'bad.json'),
      JSON.stringify({ models: { 'gemini-3.1-flash-image': { prices: { imageOutPerMillion: 6 } } } }),
    );
    const bad = await runCli(['run', file, '--dry-run', '--models', 'bad.json'], { cwd, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(
      /model overrides bad\.json: models\.gemini-3\.1-flash-image\.prices: Unrecognized key/,
    );
  });
});
