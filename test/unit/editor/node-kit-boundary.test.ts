import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Node views talk to the editor only through the node kit (ARCHITECTURE.md, "Node views and the
 * editor"): a view may import the kit, its own folder, nodes/shared and libraries. nodes/shared is
 * held to the same rule, so it cannot become a back door into the editor's stores.
 */
const root = new URL('../../..', import.meta.url).pathname;
const KIT = 'src/editor/node-kit';

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** Module specifiers a file imports (static, dynamic, re-exports, side-effect imports). */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) specifiers.push((match[1] ?? match[2] ?? match[3]) as string);
  return specifiers;
}

/** The imports of `file` (path relative to the repo) that break the rule, as written. */
function outsideTheKit(file: string, source: string): string[] {
  const folder = dirname(file);
  return importsOf(source).filter((spec) => {
    if (!spec.startsWith('.')) return false; // a library
    const target = relative(root, join(root, folder, spec));
    return !(
      target === KIT ||
      target.startsWith(`${KIT}/`) ||
      dirname(target) === folder ||
      target.startsWith('nodes/shared/')
    );
  });
}

const viewFiles = filesUnder(join(root, 'nodes'), (p) => p.endsWith('/View.tsx')).map((p) =>
  relative(root, p),
);
const sharedUiFiles = filesUnder(join(root, 'nodes/shared'), (p) => p.endsWith('.tsx')).map((p) =>
  relative(root, p),
);
const allNodeFiles = filesUnder(join(root, 'nodes'), (p) => /\.tsx?$/.test(p)).map((p) => relative(root, p));

describe('node views import only the node kit, their own folder, nodes/shared and libraries', () => {
  it('finds every view', () => {
    const folders = readdirSync(join(root, 'nodes')).filter(
      (entry) => entry !== 'shared' && statSync(join(root, 'nodes', entry)).isDirectory(),
    );
    expect(viewFiles).toHaveLength(folders.length);
    expect(viewFiles).toContain('nodes/generate/View.tsx');
  });

  for (const file of [...viewFiles, ...sharedUiFiles]) {
    it(`${file} stays inside the kit`, () => {
      expect(outsideTheKit(file, readFileSync(join(root, file), 'utf8'))).toEqual([]);
    });
  }

  it('nothing under nodes/ reaches into the editor except through the kit', () => {
    const leaks = allNodeFiles.flatMap((file) =>
      importsOf(readFileSync(join(root, file), 'utf8'))
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(root, join(root, dirname(file), spec)))
        .filter((target) => target.startsWith('src/editor/') && !target.startsWith(KIT))
        .map((target) => `${file} -> ${target}`),
    );
    expect(leaks).toEqual([]);
  });

  it('the checker itself catches a store, an engine module, another node and a sibling view', () => {
    const source = [
      "import { commands } from '../../src/editor/store/document-store';",
      "import type { AssetRef } from '../../src/engine/workflow';",
      "import { promptNode } from '../prompt/definition';",
      "import { NodeFrame } from '../../src/editor/node-kit';",
      "import { FILENAME_TOKENS } from './filename';",
      "import { NumberField } from '../shared/ToolFields';",
      "import { memo } from 'react';",
    ].join('\n');
    expect(outsideTheKit('nodes/export/View.tsx', source)).toEqual([
      '../../src/editor/store/document-store',
      '../../src/engine/workflow',
      '../prompt/definition',
    ]);
  });
});
