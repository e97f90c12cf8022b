import { formatUsd } from '../engine/cost';
import type { NodeRecord } from '../engine/run-record';

/** A finished row as run.jsonl holds it (the parts the contact sheet shows). */
export interface SheetRow {
  row: number;
  status: string;
  inputs: Record<string, unknown>;
  nodes: NodeRecord[];
  error?: { code: string; message: string };
}

export interface SheetMeta {
  workflow: string;
  batch: string;
  generatedAt: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every text the page shows goes through here: cells from a CSV are data, never markup. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

/** A relative link to a file in the same folder: each path segment percent-encoded. */
const fileHref = (name: string): string => `./${encodeURIComponent(name)}`;

const inputText = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

function inputsList(inputs: Record<string, unknown>): string {
  const items = Object.entries(inputs).map(
    ([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(inputText(value))}</dd>`,
  );
  return items.length > 0 ? `<dl>${items.join('')}</dl>` : '';
}

const searchText = (inputs: Record<string, unknown>): string =>
  Object.values(inputs).map(inputText).join(' ').toLowerCase();

/** Only http(s) sources become links; anything else is shown as text. */
function webHref(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The search grounding sources of the node that made the image, as links (Google Search grounding). */
function sourcesList(node: NodeRecord): string {
  const sources = (node.grounding ?? []).flatMap((answer) => answer.sources);
  if (sources.length === 0) return '';
  const items = sources.map((source) => {
    const label = escapeHtml(source.title ?? source.domain ?? source.uri);
    const href = webHref(source.uri);
    return href
      ? `<li><a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a></li>`
      : `<li>${label}</li>`;
  });
  return `<div class="sources">Sources<ul>${items.join('')}</ul></div>`;
}

/** One card per exported image: thumbnail (lazy), row inputs, producing node, model, cost, status. */
export function imageCards(row: SheetRow): string {
  const byId = new Map(row.nodes.map((node) => [node.id, node]));
  const cards: string[] = [];
  for (const exporter of row.nodes) {
    for (const file of exporter.files) {
      const producer = byId.get(exporter.producedBy?.[file] ?? '') ?? exporter;
      const cost = producer.cached ? 'cached' : formatUsd(producer.costUsd);
      cards.push(
        `<figure class="card" data-status="${escapeHtml(row.status)}" data-search="${escapeHtml(searchText(row.inputs))}">` +
          `<a href="${escapeHtml(fileHref(file))}" target="_blank" rel="noopener"><img loading="lazy" decoding="async" src="${escapeHtml(fileHref(file))}" alt="${escapeHtml(file)}"></a>` +
          '<figcaption>' +
          `<div class="line"><span class="row">row ${row.row}</span><span class="status s-${escapeHtml(row.status)}">${escapeHtml(row.status)}</span></div>` +
          `<div class="file">${escapeHtml(file)}</div>` +
          `<div class="meta">${escapeHtml(producer.id)}${producer.model ? ` · ${escapeHtml(producer.model)}` : ''} · ${escapeHtml(cost)}</div>` +
          inputsList(row.inputs) +
          sourcesList(producer) +
          '</figcaption></figure>',
      );
    }
  }
  return cards.join('\n');
}

/** A failed or cancelled row with its reasons. */
export function failureItem(row: SheetRow): string {
  const reasons: string[] = [];
  for (const node of row.nodes) {
    if (node.status === 'failed' && node.error) reasons.push(`${node.id}: ${node.error.message}`);
    for (const failure of node.writeErrors ?? [])
      reasons.push(`${node.id}: could not write ${failure.file} (${failure.reason})`);
  }
  if (reasons.length === 0 && row.error) reasons.push(row.error.message);
  return (
    `<li class="failure" data-status="${escapeHtml(row.status)}" data-search="${escapeHtml(searchText(row.inputs))}">` +
    `<div class="line"><span class="row">row ${row.row}</span><span class="status s-${escapeHtml(row.status)}">${escapeHtml(row.status)}</span></div>` +
    inputsList(row.inputs) +
    `<ul class="reasons">${reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul></li>`
  );
}

const STYLE = `
:root{color-scheme:light dark;font-family:system-ui,sans-serif}
body{margin:0;padding:16px 20px;background:#f6f6f4;color:#1d1d1b}
@media (prefers-color-scheme:dark){body{background:#1b1b1d;color:#e8e8e6}.card,.failure{background:#26262a!important;border-color:#3a3a40!important}}
header h1{font-size:20px;margin:0 0 4px}header p{margin:0 0 12px;color:#777}
.controls{display:flex;gap:12px;align-items:center;margin:0 0 16px;flex-wrap:wrap}
.controls input{padding:6px 8px;min-width:260px}.controls select{padding:6px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px}
.card{margin:0;background:#fff;border:1px solid #ddd;border-radius:8px;overflow:hidden}
.card img{display:block;width:100%;aspect-ratio:1/1;object-fit:cover;background:#ccc}
figcaption{padding:8px;font-size:12px;line-height:1.4}
.line{display:flex;justify-content:space-between;font-weight:600}
.file{font-family:ui-monospace,monospace;word-break:break-all;color:#666}
.meta{color:#666}
dl{margin:4px 0 0;display:grid;grid-template-columns:auto 1fr;gap:0 6px}dt{color:#888}dd{margin:0;word-break:break-word}
.status{font-weight:600}.s-ok{color:#2e7d32}.s-failed{color:#c62828}.s-cancelled{color:#a66b00}
.failures{list-style:none;padding:0;display:grid;gap:8px}
.failure{background:#fff;border:1px solid #e3b4b4;border-radius:8px;padding:8px;font-size:13px}
.reasons{margin:4px 0 0;padding-left:18px;color:#c62828}
.sources{margin-top:4px;color:#666}.sources ul{margin:0;padding-left:18px}.sources a{word-break:break-all}
[hidden]{display:none!important}
`;

/** Filters by status and searches the inputs; the page needs nothing from the network. */
const SCRIPT = `
(function(){
  var search=document.getElementById('search'),status=document.getElementById('status'),count=document.getElementById('count');
  function apply(){
    var q=search.value.trim().toLowerCase(),s=status.value,shown=0;
    var items=document.querySelectorAll('[data-status]');
    for(var i=0;i<items.length;i++){
      var el=items[i],ok=(s==='all'||el.getAttribute('data-status')===s)&&(q===''||el.getAttribute('data-search').indexOf(q)!==-1);
      el.hidden=!ok;if(ok&&el.tagName==='FIGURE')shown++;
    }
    count.textContent=shown+' image'+(shown===1?'':'s')+' shown';
  }
  search.addEventListener('input',apply);status.addEventListener('change',apply);apply();
})();
`;

export function sheetStart(meta: SheetMeta): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(meta.workflow)}: contact sheet</title>
<style>${STYLE}</style></head><body>
<header><h1>${escapeHtml(meta.workflow)}</h1><p>${escapeHtml(meta.batch)} · written ${escapeHtml(meta.generatedAt)}</p></header>
<div class="controls">
<label>Search inputs <input id="search" type="search" placeholder="text in any input"></label>
<label>Status <select id="status"><option value="all">all</option><option value="ok">ok</option><option value="failed">failed</option><option value="cancelled">cancelled</option></select></label>
<span id="count"></span>
</div>
<section><h2>Images</h2><div class="grid" id="images">
`;
}

export const sheetMiddle =
  '</div></section>\n<section><h2>Failed rows</h2><ul class="failures" id="failures">\n';

export function sheetEnd(counts: { images: number; failures: number }): string {
  const none = counts.failures === 0 ? '<li class="none">No failed rows.</li>' : '';
  return `${none}</ul></section>\n<script>${SCRIPT}</script>\n</body></html>\n`;
}
