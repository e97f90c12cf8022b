import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFakeGemini } from '../fake-gemini/server';
import { serveStatic } from './static-server';

/** Builds the app once, serves it on loopback next to a fake Gemini server for every scenario. */
export default async function setup(project: TestProject) {
  const root = resolve(__dirname, '../..');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
  const app = await serveStatic(resolve(root, 'dist'));
  const fake = await startFakeGemini();
  project.provide('appUrl', app.url);
  project.provide('fakeGeminiUrl', fake.url);
  return async () => {
    app.server.close();
    await fake.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    fakeGeminiUrl: string;
  }
}
