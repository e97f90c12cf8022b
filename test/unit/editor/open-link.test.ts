import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchLinkedFile,
  linkedFileUrl,
  openLinkedFile,
  withoutOpenParam,
} from '../../../src/editor/io/open-link';

const PAGE = 'https://peel.example/app/?open=';

describe('linkedFileUrl', () => {
  it('is undefined without the open parameter', () => {
    expect(linkedFileUrl('https://peel.example/')).toBeUndefined();
    expect(linkedFileUrl('https://peel.example/?reopen')).toBeUndefined();
  });

  it('resolves a relative or same-site address against the page', () => {
    expect(linkedFileUrl(`${PAGE}files/a.json`)).toEqual({
      url: new URL('https://peel.example/app/files/a.json'),
    });
    expect(linkedFileUrl(`${PAGE}/shared/b.png`)).toEqual({
      url: new URL('https://peel.example/shared/b.png'),
    });
    expect(linkedFileUrl(`${PAGE}${encodeURIComponent('https://peel.example/c.json?v=2')}`)).toEqual({
      url: new URL('https://peel.example/c.json?v=2'),
    });
  });

  it('refuses another site, other schemes and an empty address, saying why', () => {
    const other = linkedFileUrl(`${PAGE}${encodeURIComponent('https://elsewhere.example/x.json')}`);
    expect(other).toEqual({
      refused: expect.stringContaining('only from its own site (https://peel.example)'),
    });
    expect(other).toEqual({ refused: expect.stringContaining('https://elsewhere.example/x.json') });
    for (const address of ['javascript:alert(1)', 'data:application/json,{}', 'file:///etc/passwd'])
      expect(linkedFileUrl(`${PAGE}${encodeURIComponent(address)}`)).toHaveProperty('refused');
    expect(linkedFileUrl(PAGE)).toEqual({ refused: 'the link names no file to open' });
  });
});

describe('withoutOpenParam', () => {
  it('drops only the open parameter', () => {
    expect(withoutOpenParam('https://peel.example/app/?open=a.json&theme=dark#x')).toBe(
      'https://peel.example/app/?theme=dark#x',
    );
    expect(withoutOpenParam('https://peel.example/?open=a.json')).toBe('https://peel.example/');
  });
});

describe('fetchLinkedFile against a local server', () => {
  let server: Server;
  let base = '';
  const requests: Array<{ url: string; cookie: string | undefined }> = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', cookie: request.headers.cookie });
      if (request.url === '/flow.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"format":"peel"}');
      } else if (request.url === '/declared-huge.json') {
        response.writeHead(200, { 'content-length': String(100 * 1024 * 1024) });
        response.write('{');
        // Never finishes: the client must give up on the declared size alone.
      } else if (request.url === '/streamed.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 40; i++) response.write('x'.repeat(100));
        response.end();
      } else if (request.url === '/spa-fallback.json') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><title>Peel</title>');
      } else {
        response.writeHead(404);
        response.end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('returns the bytes, named after the file', async () => {
    const file = await fetchLinkedFile(new URL(`${base}/flow.json`));
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(new TextDecoder().decode(file.bytes)).toBe('{"format":"peel"}');
    expect(file.source).toBe('"flow.json" (linked)');
    expect(requests.at(-1)?.cookie).toBeUndefined();
  });

  it('says what the server answered when it is not the file', async () => {
    const file = await fetchLinkedFile(new URL(`${base}/gone.json`));
    expect(file).toEqual({
      ok: false,
      source: '"gone.json" (linked)',
      errors: [{ code: 'io', message: `could not fetch ${base}/gone.json: the server answered 404` }],
    });
  });

  it('says a web page came back (a site answering unknown addresses with its start page)', async () => {
    const file = await fetchLinkedFile(new URL(`${base}/spa-fallback.json`));
    expect(file.ok).toBe(false);
    if (!file.ok)
      expect(file.errors[0]?.message).toBe(
        `could not open ${base}/spa-fallback.json: the server answered with a web page, not a workflow file (is the address right?)`,
      );
  });

  it('refuses a file declared or streamed over the limit', async () => {
    const declared = await fetchLinkedFile(new URL(`${base}/declared-huge.json`));
    expect(declared.ok).toBe(false);
    if (!declared.ok)
      expect(declared.errors[0]?.message).toBe('the linked file is larger than the import limit (64 MB)');
    const streamed = await fetchLinkedFile(new URL(`${base}/streamed.json`), fetch, 1000);
    expect(streamed.ok).toBe(false);
    if (!streamed.ok) expect(streamed.errors[0]?.message).toContain('import limit (1000 bytes)');
    const fits = await fetchLinkedFile(new URL(`${base}/streamed.json`), fetch, 4000);
    expect(fits.ok && fits.bytes.length).toBe(4000);
  });

  it('says so when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    await new Promise((resolve) => closed.close(resolve));
    const file = await fetchLinkedFile(new URL(`http://127.0.0.1:${address.port}/a.json`));
    expect(file.ok).toBe(false);
    if (!file.ok)
      expect(file.errors[0]?.message).toMatch(/could not fetch .*a\.json: the server did not answer/);
  });

  it('openLinkedFile fetches a same-site link and refuses another site without fetching', async () => {
    expect(openLinkedFile(`${base}/`)).toBeUndefined();
    const same = await openLinkedFile(`${base}/?open=/flow.json`);
    expect(same?.ok).toBe(true);
    const before = requests.length;
    const other = await openLinkedFile(`${base}/?open=${encodeURIComponent('http://127.0.0.2:1/x.json')}`);
    expect(other).toMatchObject({ ok: false, source: 'the link' });
    expect(requests.length).toBe(before);
  });
});
