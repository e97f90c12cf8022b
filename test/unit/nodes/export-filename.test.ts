/** Export file names: bytes not UTF-16 units, no bidi controls, no Windows device names. */
import { describe, expect, it } from 'vitest';
import {
  filenameTemplateProblems,
  fillFilenameTemplate,
  MAX_STEM_BYTES,
  safeFileStem,
} from '../../../nodes/export/filename';
import { nodeRegistry } from '../../../nodes/registry';
import { validateWorkflow } from '../../../src/engine/validate';
import { edge, node, workflowOf } from '../../helpers/workflows';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const fields = {
  workflow: 'wf',
  node: 'out',
  export: 'out',
  row: 1,
  n: 1,
  date: new Date('2026-12-02T00:00:00Z'),
};

describe('safeFileStem', () => {
  it('limits by UTF-8 bytes, cutting between code points (CJK, emoji)', () => {
    const cjk = safeFileStem('猫'.repeat(150));
    expect(bytes(cjk)).toBeLessThanOrEqual(MAX_STEM_BYTES);
    expect(cjk).toBe('猫'.repeat(Math.floor(MAX_STEM_BYTES / 3)));
    const emoji = safeFileStem('🙂'.repeat(100));
    expect(bytes(emoji)).toBeLessThanOrEqual(MAX_STEM_BYTES);
    expect([...emoji].every((char) => char === '🙂')).toBe(true);
    // Room is left for a clash suffix and the longest extension within 255 bytes.
    expect(bytes(`${cjk}-99.webp`)).toBeLessThanOrEqual(255);
  });

  it('strips bidi controls, so a name cannot display as another', () => {
    expect(safeFileStem('invoice\u202egnp.exe')).toBe('invoicegnp.exe');
    expect(safeFileStem('a\u2066b\u2069c\u200fd\u061c')).toBe('abcd');
  });

  it('replaces C0, DEL and C1 controls', () => {
    expect(safeFileStem('a\u001b[31mb\u007fc\u009bd')).toBe('a-[31mb-c-d');
  });

  it('never gives a Windows device name, with or without an extension-like part', () => {
    for (const name of ['CON', 'nul', 'Aux', 'com1', 'LPT9', 'con.backup', 'PRN.']) {
      const stem = safeFileStem(name);
      expect(stem.startsWith('_')).toBe(true);
    }
    for (const name of ['console', 'nullable', 'com10', 'my-con']) expect(safeFileStem(name)).toBe(name);
  });

  it('drops trailing dots (Windows strips them, so two names would collide)', () => {
    expect(safeFileStem('final...')).toBe('final');
  });

  it('a filled template never passes the byte limit, whatever the workflow name', () => {
    const stem = fillFilenameTemplate('{workflow}-{n}', { ...fields, workflow: 'ワークフロー'.repeat(60) });
    expect(bytes(stem)).toBeLessThanOrEqual(MAX_STEM_BYTES);
  });
});

describe('export file name validation', () => {
  const exporting = (filename: string) =>
    workflowOf(
      [node('p', 'prompt', { text: 'x' }), node('g', 'generate', {}), node('out', 'export', { filename })],
      [edge('p', 'text', 'g', 'prompt'), edge('g', 'image', 'out', 'images')],
    );
  const problems = (filename: string) =>
    (validateWorkflow(exporting(filename), nodeRegistry).nodeErrors.get('out') ?? []).map(
      (e) => `${e.path}: ${e.message}`,
    );

  it('150 CJK characters (under the 200-character schema limit, 451 bytes with the dash) are refused with the byte count', () => {
    expect(problems(`${'猫'.repeat(150)}-{n}`)).toEqual([
      `nodes[2].params.filename: the file name is 451 bytes before its {tokens} are filled in; names are limited to ${MAX_STEM_BYTES} bytes (UTF-8: most accented letters take 2, Chinese or Japanese characters 3)`,
    ]);
  });

  it('a Windows device name as the whole template is refused', () => {
    expect(problems('NUL')).toEqual([
      'nodes[2].params.filename: "NUL" is a device name on Windows and cannot name a file',
    ]);
    expect(problems('con.final')).toHaveLength(1);
  });

  it('ordinary templates, and short CJK ones, pass', () => {
    expect(problems('{workflow}-{node}-{n}')).toEqual([]);
    expect(problems(`${'猫'.repeat(60)}-{row}-{n}`)).toEqual([]);
    expect(filenameTemplateProblems('nul-{n}')).toEqual([]);
  });
});
