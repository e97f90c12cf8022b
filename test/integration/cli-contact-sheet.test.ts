import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { contactSheetBatch, HOSTILE } from '../helpers/contact-sheet-batch';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('OUT/index.html, the contact sheet', () => {
  it('lists every exported image and every failed row with its reason, from run.jsonl', async () => {
    const { out, code } = await contactSheetBatch(fake);
    expect(code).toBe(1);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const images = readdirSync(out).filter((name) => name.endsWith('.jpg'));
    // Rows 1, 2 and 4 have both images; row 3 has the lifestyle one (its studio shot was blocked).
    expect(images).toHaveLength(7);
    const thumbnails = [...html.matchAll(/<img loading="lazy" decoding="async" src="\.\/([^"]+)"/g)].map(
      (match) => decodeURIComponent(match[1] as string),
    );
    expect(thumbnails.sort()).toEqual(images.sort());
    // Each card names the node that made it and its model.
    expect(html).toContain('sku-1-Studio.jpg');
    expect(html).toMatch(/g1 · gemini-[^<]+ · \$/);
    const failures = html.slice(html.indexOf('id="failures"'));
    expect(failures).toMatch(/row 3<\/span><span class="status s-failed">failed/);
    expect(failures).toMatch(/g0: [^<]*safety/i);
    // Relative links only, nothing to fetch from a network.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('shows hostile input text as text: a <script> in a CSV cell is escaped everywhere', async () => {
    const { out } = await contactSheetBatch(fake);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;document.title=&quot;owned&quot;&lt;/script&gt;');
    // The page's own filter script is the only script element.
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
