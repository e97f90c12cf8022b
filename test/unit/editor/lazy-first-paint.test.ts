import { describe, expect, it } from 'vitest';
import { chainTo, importsOfSource, staticGraphOf } from '../../helpers/import-graph';

/**
 * First paint loads only what the first screen needs (budget: 300 KB of gzipped JavaScript, see
 * the "bundle and first paint" bench). These modules and packages are fetched later, through
 * `import()`: one static import from anything main.tsx loads would put them (and everything they
 * import) back into the first-paint bundle without any test noticing, so this one reads the
 * import graph the bundler sees.
 */
const root = new URL('../../..', import.meta.url).pathname;
const ENTRY = 'src/editor/main.tsx';

/** Modules that must be reached only through `import()` (and must still be reached that way). */
const LAZY_MODULES = [
  // Run machinery: executor, output cache, run recorder, image operations (run/run-actions.ts).
  'src/editor/run/run-controller.ts',
  // Storage: Dexie and the stores over it; the document arrives when storage answers (startup.ts).
  'src/editor/persistence/boot.ts',
  // Side panels and the viewer (lazy-panels.tsx).
  'src/editor/panels/SettingsPanel.tsx',
  'src/editor/panels/HelpPanel.tsx',
  'src/editor/panels/run-form/RunFormPanel.tsx',
  'src/editor/panels/batch/BatchPanel.tsx',
  'src/editor/panels/library/LibraryPanel.tsx',
  'src/editor/panels/history/HistoryPanel.tsx',
  'src/editor/panels/storage/StoragePanel.tsx',
  'src/editor/panels/Viewer.tsx',
  // Node views beyond the starter set (canvas/lazy-node-views.tsx).
  ...[
    'annotate',
    'collect',
    'compare',
    'composite',
    'crop',
    'format',
    'list',
    'pick',
    'resize',
    'sketch',
    'splitGrid',
    'template',
    'textModel',
  ].map((type) => `nodes/${type}/View.tsx`),
];

/** Modules that come with those and must not be loaded at first paint by any other path. */
const LATER_MODULES = [
  'src/persistence/database.ts',
  'src/persistence/peel-store.ts',
  'src/persistence/index.ts',
  'src/engine/executor.ts',
  'src/editor/panels/batch/ContactSheet.tsx',
  'src/editor/panels/batch/batch-runner.ts',
  'src/editor/io/run-zip.ts',
  'src/image-ops/label-text.ts',
  'nodes/shared/DrawingSurface.tsx',
  'nodes/composite/PlacementPreview.tsx',
  // Reading and writing workflows inside PNG and JPEG files (chunks, segments, zlib): loaded when
  // an image is imported, dropped or downloaded (io/import-workflow.ts, io/drop.ts, io/download.ts).
  'src/engine/image/embedded-workflow.ts',
  'src/engine/export-image.ts',
  'src/editor/io/image-download-bytes.ts',
];

/** Packages no first-paint module may import statically. */
const LATER_PACKAGES = [
  'dexie',
  'perfect-freehand',
  'papaparse',
  '@tanstack/react-virtual',
  '@google/genai',
  'opentype.js',
  'lcms-wasm',
  '@jsquash/jpeg',
  '@jsquash/png',
  '@jsquash/webp',
  '@jsquash/resize',
  '@dagrejs/dagre',
  'fflate',
];

const graph = staticGraphOf(root, ENTRY);

describe('first paint loads the editor shell, not the parts used later', () => {
  it('reads the graph it checks (the canvas, the stores, React Flow)', () => {
    expect(graph.modules.has('src/editor/canvas/Canvas.tsx')).toBe(true);
    expect(graph.modules.has('src/editor/store/document-store.ts')).toBe(true);
    expect(graph.packages.has('@xyflow/react')).toBe(true);
    expect(graph.modules.size).toBeGreaterThan(100);
  });

  for (const module of [...LAZY_MODULES, ...LATER_MODULES]) {
    it(`${module} is not imported statically from ${ENTRY}`, () => {
      expect(graph.modules.has(module) ? chainTo(graph, module) : 'not at first paint').toBe(
        'not at first paint',
      );
    });
  }

  for (const name of LATER_PACKAGES) {
    it(`${name} is not imported statically at first paint`, () => {
      expect(graph.packages.get(name) ?? []).toEqual([]);
    });
  }

  it('every lazy module is still loaded by an import() from the shell', () => {
    expect(LAZY_MODULES.filter((module) => !graph.dynamicTargets.has(module))).toEqual([]);
  });
});

describe('the import reader', () => {
  it('tells static, dynamic and type-only imports apart', () => {
    const source = [
      "import { a } from './eager';",
      "import type { T } from './types-only';",
      "import { type U, type V } from './also-types';",
      "import { type W, x } from './mixed';",
      "import './side-effect.css';",
      "export { y } from './re-export';",
      "export type { Z } from './type-re-export';",
      "import * as Menu from '@radix-ui/react-dropdown-menu';",
      'const later = () => import(',
      "  './later'",
      ');',
    ].join('\n');
    expect(importsOfSource('sample.tsx', source)).toEqual({
      static: ['./eager', './mixed', './side-effect.css', './re-export', '@radix-ui/react-dropdown-menu'],
      dynamic: ['./later'],
    });
  });
});
