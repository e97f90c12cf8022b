/**
 * An exposed model node takes its model options from outside (`--input NAME=JSON`), and the
 * grounding of a grounded answer lands in run.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

/** text-to-image.json with its Generate node's options exposed as "look". */
function exposedWorkflow(): string {
  const cwd = tempDir();
  const workflow = JSON.parse(readFileSync(join(examples, 'text-to-image.json'), 'utf8'));
  const gen = workflow.nodes.find((node: { id: string }) => node.id === 'gen');
  gen.exposeAs = 'look';
  gen.params.systemInstruction = 'Flat colours.';
  writeFileSync(join(cwd, 'flow.json'), JSON.stringify(workflow));
  return cwd;
}

interface SentBody {
  tools?: unknown;
  systemInstruction?: unknown;
  generationConfig: Record<string, unknown>;
}

describe('--input for a model node’s options', () => {
  it('reaches the request under the REST names, and run.json records the grounding sources', async () => {
    const cwd = exposedWorkflow();
    const look = JSON.stringify({ temperature: 0.3, googleSearch: true, systemInstruction: null });
    const run = await runCli(['run', 'flow.json', '--input', `look=${look}`, '--out', 'out'], { cwd, env });
    expect(run.code, run.stderr.join('\n')).toBe(0);
    const body = fake.generateRequests()[0]?.body as SentBody;
    expect(body.generationConfig.temperature).toBe(0.3);
    expect(body.tools).toEqual([{ googleSearch: {} }]);
    // null cleared the workflow's own system instruction for this run.
    expect(body.systemInstruction).toBeUndefined();
    const record = JSON.parse(readFileSync(join(cwd, 'out/run.json'), 'utf8'));
    const gen = record.nodes.find((node: { id: string }) => node.id === 'gen');
    expect(gen.grounding[0].webSearchQueries).toHaveLength(1);
    expect(gen.grounding[0].sources[0].uri).toBe(
      'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1',
    );
    // The file itself is unchanged.
    expect(readFileSync(join(cwd, 'flow.json'), 'utf8')).toContain('Flat colours.');

    // --json: the node-finish line carries the grounding too (from the cache this time).
    const json = await runCli(['run', 'flow.json', '--input', `look=${look}`, '--out', 'out2', '--json'], {
      cwd,
      env,
    });
    expect(json.code).toBe(0);
    const finish = json.stdout
      .map((line) => JSON.parse(line))
      .find((line) => line.type === 'node-finish' && line.nodeId === 'gen');
    expect(finish.status).toBe('cached');
    expect(finish.grounding[0].sources[0].uri).toBe(
      'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1',
    );
  });

  it('refuses what is not a settings object, or a setting it does not take, before any call', async () => {
    const cwd = exposedWorkflow();
    const notJson = await runCli(['run', 'flow.json', '--input', 'look=warm', '--out', 'out'], { cwd, env });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr.join('\n')).toContain('input "look" takes model settings as a JSON object');
    const model = await runCli(
      ['run', 'flow.json', '--input', 'look={"model":"gemini-3-pro-image"}', '--out', 'out'],
      { cwd, env },
    );
    expect(model.code).toBe(2);
    expect(model.stderr.join('\n')).toContain('input "look" cannot set "model"');
    // A value the model does not offer is a validation error, as in a file.
    const level = await runCli(
      ['run', 'flow.json', '--input', 'look={"thinkingLevel":"MEDIUM"}', '--out', 'out'],
      { cwd, env },
    );
    expect(level.code).toBe(2);
    expect(level.stderr.join('\n')).toContain('does not offer thinking level MEDIUM');
    expect(fake.generateRequests()).toHaveLength(0);
  });
});
