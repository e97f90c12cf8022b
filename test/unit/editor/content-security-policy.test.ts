/** The page that holds the API key: its Content-Security-Policy and its shipped build settings. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../../vite.config';

const html = readFileSync(resolve(__dirname, '../../../index.html'), 'utf8');

function policy(): Map<string, string[]> {
  const match = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  expect(match).not.toBeNull();
  const directives = new Map<string, string[]>();
  for (const directive of (match?.[1] ?? '').split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('index.html Content-Security-Policy', () => {
  it('allows no eval and no inline or foreign script', () => {
    const csp = policy();
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
  });

  it('limits connect-src to the app, Google API hosts, OpenRouter and loopback', () => {
    const connect = policy().get('connect-src') ?? [];
    const allowed = new Set([
      "'self'",
      'blob:',
      'data:',
      'https://generativelanguage.googleapis.com',
      'https://*.googleapis.com',
      'https://openrouter.ai',
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
    expect(connect.length).toBeGreaterThan(0);
    for (const source of connect) expect(allowed.has(source)).toBe(true);
    expect(connect).toContain('https://generativelanguage.googleapis.com');
    // No wildcard scheme or host that would let the key go anywhere.
    for (const source of connect) expect(source).not.toMatch(/^(\*|https?:|https?:\/\/\*\/?|ws:|wss:)$/);
  });

  it('shows images from blob: and data: URLs (object URLs of outputs), nothing foreign', () => {
    expect(policy().get('img-src')).toEqual(["'self'", 'blob:', 'data:']);
  });

  it('ships no source maps in the production build', () => {
    const sourcemap = viteConfig.build?.sourcemap;
    expect(sourcemap === false || sourcemap === 'hidden' || sourcemap === undefined).toBe(true);
  });
});
