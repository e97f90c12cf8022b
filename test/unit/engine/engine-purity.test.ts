import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../..', import.meta.url).pathname;

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** Module specifiers a file imports (static, dynamic, re-exports). */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) specifiers.push((match[1] ?? match[2] ?? match[3]) as string);
  return specifiers;
}

const FORBIDDEN = [
  /^react(-dom)?(\/|$)/,
  /^@xyflow\//,
  /^dexie/,
  /^@google\/genai/,
  /^node:/,
  /^(fs|path|http|https|crypto|zlib|child_process)$/,
  /^zustand/,
  /^immer/,
];
const FORBIDDEN_GLOBALS = /\b(document|window|localStorage|indexedDB|navigator)\s*[.[]/;

const engineFiles = filesUnder(join(root, 'src/engine'), (p) => p.endsWith('.ts'));
const definitionFiles = filesUnder(join(root, 'nodes'), (p) => p.endsWith('.ts') && !p.endsWith('.tsx'));

describe('the engine and node definitions stay pure TypeScript', () => {
  it('finds the files it checks', () => {
    expect(engineFiles.length).toBeGreaterThan(20);
    expect(definitionFiles.some((p) => p.endsWith('generate/definition.ts'))).toBe(true);
  });

  for (const file of [...engineFiles, ...definitionFiles]) {
    it(`${relative(root, file)} imports no React, DOM, Dexie, SDK or Node builtins`, () => {
      const source = readFileSync(file, 'utf8');
      const bad = importsOf(source).filter((spec) => FORBIDDEN.some((rule) => rule.test(spec)));
      expect(bad).toEqual([]);
      const ownImports = importsOf(source).filter((spec) => spec.startsWith('.'));
      for (const spec of ownImports) {
        const target = join(file, '..', spec);
        const inside = relative(root, target);
        expect(
          inside.startsWith('src/engine') || inside.startsWith('nodes'),
          `${spec} leaves the engine`,
        ).toBe(true);
        expect(/View$|\.tsx$/.test(spec), `${spec} is a view`).toBe(false);
      }
      expect(source).not.toMatch(FORBIDDEN_GLOBALS);
    });
  }

  it('the checker itself catches a forbidden import', () => {
    expect(importsOf("import { x } from 'dexie';\nconst m = await import('@google/genai');")).toEqual([
      'dexie',
      '@google/genai',
    ]);
  });
});
