/**
 * Issue 11, items 8, 10, 12 and 14 through the CLI: a hanging server bounded by --timeout,
 * reserved input names, control characters from files and servers, and a key sent in clear text.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { escapeTerminalText } from '../../src/cli/terminal-text';
import { sendsKeyInClear } from '../../src/providers/base-url';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';

const examples = resolve(__dirname, '../../examples');
const textToImage = join(examples, 'text-to-image.json');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** C0 but tab and newline, DEL, C1, and the bidi controls. */
const RAW_CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the test
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function writeWorkflow(cwd: string, name: string, workflow: Record<string, unknown>): string {
  const path = join(cwd, name);
  writeFileSync(path, JSON.stringify({ format: 'peel.workflow', version: 1, edges: [], ...workflow }));
  return path;
}

describe('--timeout against a server that never answers', () => {
  it('--timeout 1: the node fails naming the wait, within the retry count, in seconds not minutes', async () => {
    fake.addFault({ kind: 'hang' });
    const cwd = tempDir();
    const result = await runCli(['run', textToImage, '--out', 'o', '--timeout', '1'], { cwd, env });
    expect(result.code).toBe(1);
    const said = result.stderr.join('\n');
    expect(said).toMatch(/FAILED gen \(generate\).*Gemini did not answer within 1 s/);
    // The call's budget (5 attempts of 1 s, plus waits) ends the retries: how long is said.
    expect(said).toMatch(
      /gave up after \d attempts?(\), \d+ s in all|: the call's time budget of 5 s is spent\))/,
    );
    const attempts = fake.generateRequests().length;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(5);
  }, 30_000);

  it('--timeout refuses what is not a positive number of seconds', async () => {
    const cwd = tempDir();
    for (const bad of ['0', '-3', 'soon']) {
      const result = await runCli(['run', textToImage, '--timeout', bad], { cwd, env });
      expect(result.code).toBe(2);
      expect(result.stderr.join('\n')).toMatch(/--timeout takes the seconds one attempt may wait/);
    }
  });
});

describe('reserved input names through the CLI', () => {
  it('a CSV header or JSONL key "__proto__"/"constructor" is an unknown column, not dropped (exit 2, no call)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'rows.csv'), '__proto__,prompt\nx,a cat\n');
    writeFileSync(join(cwd, 'rows.jsonl'), '{"constructor":"x","prompt":"a cat"}\n{"__proto__":"y"}\n');
    const csv = await runCli(['run', textToImage, '--batch', 'rows.csv', '--out', 'o'], { cwd, env });
    expect(csv.code).toBe(2);
    expect(csv.stderr.join('\n')).toMatch(/column "__proto__" match no exposed input/);
    const jsonl = await runCli(['run', textToImage, '--batch', 'rows.jsonl', '--out', 'o'], { cwd, env });
    expect(jsonl.code).toBe(2);
    // JSONL rows are checked one by one as the file streams: each row names its own unknown key.
    expect(jsonl.stderr.join('\n')).toMatch(/column "constructor" match no exposed input/);
    expect(jsonl.stderr.join('\n')).toMatch(/column "__proto__" match no exposed input/);
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('--input __proto__=x and --input toString=x are unknown inputs (exit 2), never swallowed', async () => {
    const cwd = tempDir();
    for (const name of ['__proto__', 'toString']) {
      const result = await runCli(['run', textToImage, '--input', `${name}=x`, '--dry-run'], { cwd, env });
      expect(result.code).toBe(2);
      expect(result.stderr.join('\n')).toContain(`no input named "${name}"`);
    }
  });

  it('a workflow exposing "toString" fails validation with the reason (exit 2)', async () => {
    const cwd = tempDir();
    const path = writeWorkflow(cwd, 'wf.json', {
      name: 'reserved',
      nodes: [
        { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'x' }, exposeAs: 'toString' },
      ],
    });
    const result = await runCli(['validate', path], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toContain('"toString" is reserved');
  });
});

describe('control characters from files and servers never reach the terminal raw', () => {
  const ESC = '\u001b';
  const nasty = `${ESC}[31m${ESC}]0;owned\u0007\u009b2J\u202e`;

  it('in a workflow name, an unknown model (warning and the server echo), and --json lines', async () => {
    const cwd = tempDir();
    const path = writeWorkflow(cwd, 'wf.json', {
      name: `shiny ${nasty}`,
      nodes: [
        {
          id: 'p',
          type: 'prompt',
          position: { x: 0, y: 0 },
          params: { text: `a cat ${nasty}` },
          label: nasty,
        },
        { id: 'g', type: 'generate', position: { x: 0, y: 0 }, params: { model: `gemini-x${nasty}` } },
      ],
      edges: [{ source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' }],
    });
    const human = await runCli(['run', path, '--out', 'o'], { cwd, env });
    const json = await runCli(['run', path, '--out', 'o2', '--json'], { cwd, env });
    for (const result of [human, json]) {
      const said = [...result.stdout, ...result.stderr];
      expect(said.length).toBeGreaterThan(0);
      for (const line of said) expect(line).not.toMatch(RAW_CONTROL);
    }
    // The warning is still there, with the characters shown as escapes.
    expect(human.stderr.join('\n')).toContain('warning: model "gemini-x\\u001b[31m\\u001b]0;owned\\u0007');
    // --json lines stay valid JSON that decodes to the exact text.
    for (const line of json.stdout) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('in a JSON parse error and an unknown --input name', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'broken.json'), `{"name": "x${nasty}`);
    const broken = await runCli(['validate', 'broken.json'], { cwd, env });
    const input = await runCli(['run', textToImage, '--input', `${nasty}=x`, '--dry-run'], { cwd, env });
    for (const result of [broken, input]) {
      expect(result.code).toBe(2);
      for (const line of [...result.stdout, ...result.stderr]) expect(line).not.toMatch(RAW_CONTROL);
    }
  });

  it('escapeTerminalText keeps tabs, newlines and ordinary Unicode, and escapes the rest', () => {
    expect(escapeTerminalText('a\tb\nc é 日本 🙂')).toBe('a\tb\nc é 日本 🙂');
    expect(escapeTerminalText(`${ESC}[2J\r\u0085\u2066x`)).toBe('\\u001b[2J\\u000d\\u0085\\u2066x');
    const line = JSON.stringify({ text: `x\u009by\u202e` });
    expect(JSON.parse(escapeTerminalText(line))).toEqual({ text: `x\u009by\u202e` });
  });
});

describe('a base URL that would send the key in clear text', () => {
  it('warns on stderr for plain http to another machine, before anything runs', async () => {
    const cwd = tempDir();
    const result = await runCli(['run', textToImage, '--dry-run'], {
      cwd,
      env: { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: 'http://proxy.example.com:8080' },
    });
    expect(result.code).toBe(0);
    expect(result.stderr[0]).toMatch(
      /^warning: GEMINI_BASE_URL \(http:\/\/proxy\.example\.com:8080\) is plain http:\/\/ to another machine: your API key would travel unencrypted/,
    );
  });

  it('says nothing for https, loopback, or the preview provider', async () => {
    const cwd = tempDir();
    const quiet = [
      { url: 'https://proxy.example.com', args: [] },
      { url: fake.url, args: [] },
      { url: 'http://localhost:8787', args: [] },
      { url: 'http://proxy.example.com', args: ['--provider', 'preview'] },
    ];
    for (const { url, args } of quiet) {
      const result = await runCli(['run', textToImage, '--dry-run', ...args], {
        cwd,
        env: { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: url },
      });
      expect(result.stderr.join('\n')).not.toMatch(/unencrypted/);
    }
  });

  it('sendsKeyInClear: http to a non-loopback host only', () => {
    expect(sendsKeyInClear('http://10.0.0.5:8080')).toBe(true);
    expect(sendsKeyInClear('http://gemini.internal')).toBe(true);
    expect(sendsKeyInClear('http://[2001:db8::1]/')).toBe(true);
    expect(sendsKeyInClear('http://127.0.0.1:8787')).toBe(false);
    expect(sendsKeyInClear('http://127.1.2.3')).toBe(false);
    expect(sendsKeyInClear('http://[::1]:8787')).toBe(false);
    expect(sendsKeyInClear('http://app.localhost')).toBe(false);
    expect(sendsKeyInClear('https://generativelanguage.googleapis.com')).toBe(false);
    expect(sendsKeyInClear('')).toBe(false);
  });
});
