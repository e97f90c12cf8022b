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
  // No source maps in the shipped app: they would publish the whole source next to it.
  build: { target: 'es2022', sourcemap: false },
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
