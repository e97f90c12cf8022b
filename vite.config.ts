import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** The dev server's React refresh preamble is an inline script: the CSP meta tag applies to builds only. */
const cspForBuildsOnly: Plugin = {
  name: 'peel-csp-for-builds-only',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
};

export default defineConfig({
  plugins: [react(), cspForBuildsOnly],
  build: {
    target: 'es2022',
    // No source maps in the shipped app: they would publish the whole source next to it.
    sourcemap: false,
    // No preload helper around dynamic imports: at start it ran while the first-paint modules were
    // evaluated, adding a <link rel=modulepreload> per dependency of the storage chunk (about 15 ms
    // of main thread in a CPU profile of the opening). Without it a lazy chunk's own imports are
    // requested once the chunk has arrived (one more round trip, off the main thread); the panels,
    // run machinery and node views are fetched ahead of use anyway (preload.ts).
    modulePreload: false,
    rolldownOptions: {
      output: {
        // First paint loads two chunks (libraries, then Peel's shell) instead of about 35 shared
        // ones: over HTTP/1.1 the browser fetches six at a time, and the waterfall cost about 200 ms
        // before the editor could start (npm run bench). Parts loaded later stay split as before.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'], priority: 2 },
            { name: 'shell', test: /[\\/](src|nodes)[\\/]/, tags: ['$initial'], priority: 1 },
            // Storage (Dexie and the stores over it) is one chunk, fetched as the app starts: split
            // in several, its second level was requested only once the first had been evaluated,
            // after the graph was drawn on a busy main thread (no preload helper, see above).
            {
              name: 'storage',
              test: /[\\/]src[\\/](editor[\\/])?persistence[\\/]|[\\/]node_modules[\\/]dexie[\\/]/,
              priority: 0,
            },
          ],
        },
      },
    },
  },
  // The image-tools worker lazy-loads codecs (dynamic imports), which needs an ES-module worker.
  worker: { format: 'es' },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
