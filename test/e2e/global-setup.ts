import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFakeGemini } from '../fake-gemini/server';
import { serveStatic } from './static-server';

/** Builds the app once, serves it on loopback next to a fake Gemini server for every scenario. */
export default async function setup(project: TestProject) {
  const root = resolve(__dirname, '../..');
  // A private build folder: several suites (or people) may build at once.
  const outDir = mkdtempSync(join(tmpdir(), 'peel-e2e-dist-'));
  execSync(`npx vite build --logLevel warn --outDir ${outDir} --emptyOutDir`, {
    cwd: root,
    stdio: 'inherit',
  });
  const app = await serveStatic(outDir);
  const fake = await startFakeGemini();
  project.provide('appUrl', app.url);
  project.provide('fakeGeminiUrl', fake.url);
  return async () => {
    app.server.close();
    await fake.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    fakeGeminiUrl: string;
  }
}
