import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';

const require = createRequire('/work/wt/h16/package.json');
const { chromium } = require('playwright-core');
const root = '/tmp/h16-lib/web/dist';
const types = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
};
const server = createServer((req, res) => {
  const path = join(root, req.url === '/' ? 'index.html' : req.url.split('?')[0]);
  if (!existsSync(path)) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
  res.end(readFileSync(path));
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForFunction(() => window.benchReady);
for (const lib of process.argv.slice(2)) {
  try {
    console.log(lib, JSON.stringify(await page.evaluate((l) => window.runBench(l), lib)));
  } catch (e) {
    console.log(lib, 'FAILED', e.message.split('\n')[0]);
  }
}
await browser.close();
server.close();
