// Decode a 4096² JPEG, resize to 1024, composite a 256² logo bottom-right, encode PNG; per library.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { initJsquash } from './init-node.mjs';

const jpg = readFileSync(new URL('./photo-4096.jpg', import.meta.url));
const logoPng = readFileSync(new URL('./logo-512.png', import.meta.url));
const ab = (b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
const sha = (u8) => createHash('sha256').update(u8).digest('hex').slice(0, 16);
const only = process.argv[2];
const results = {};
async function measure(name, fn) {
  if (only && only !== name) return;
  const runs = [];
  let last;
  for (let i = 0; i < 3; i++) {
    const t = {};
    const t0 = performance.now();
    last = await fn(t);
    t.total = performance.now() - t0;
    runs.push(t);
  }
  const best = runs.reduce((a, b) => (a.total < b.total ? a : b));
  results[name] = {
    ...Object.fromEntries(Object.entries(best).map(([k, v]) => [k, Math.round(v)])),
    pixels: last,
  };
  console.log(name, JSON.stringify(results[name]));
}
function compositeRgba(base, bw, over, ow, oh, x0, y0) {
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const s = (y * ow + x) * 4,
        d = ((y + y0) * bw + x + x0) * 4,
        a = over[s + 3];
      if (a === 0) continue;
      for (let c = 0; c < 3; c++) base[d + c] = Math.round((over[s + c] * a + base[d + c] * (255 - a)) / 255);
    }
}
const js = await initJsquash();
await measure('jsquash', async (t) => {
  let t0 = performance.now();
  const img = await js.decodeJpeg(ab(jpg));
  t.decode = performance.now() - t0;
  t0 = performance.now();
  const small = await js.resize(img, { width: 1024, height: 1024, method: 'lanczos3' });
  t.resize = performance.now() - t0;
  t0 = performance.now();
  const logo = await js.decodePng(ab(logoPng));
  const logoSmall = await js.resize(logo, { width: 256, height: 256 });
  compositeRgba(small.data, 1024, logoSmall.data, 256, 256, 1024 - 256 - 32, 1024 - 256 - 32);
  t.composite = performance.now() - t0;
  t0 = performance.now();
  const _out = await js.encodePng(small);
  t.encode = performance.now() - t0;
  return sha(small.data);
});
await measure('jimp', async (t) => {
  const { Jimp } = await import('jimp');
  let t0 = performance.now();
  const img = await Jimp.read(jpg);
  t.decode = performance.now() - t0;
  t0 = performance.now();
  img.resize({ w: 1024, h: 1024 });
  t.resize = performance.now() - t0;
  t0 = performance.now();
  const logo = await Jimp.read(logoPng);
  logo.resize({ w: 256, h: 256 });
  img.composite(logo, 1024 - 256 - 32, 1024 - 256 - 32);
  t.composite = performance.now() - t0;
  t0 = performance.now();
  await img.getBuffer('image/png');
  t.encode = performance.now() - t0;
  return sha(img.bitmap.data);
});
await measure('photon-node', async (t) => {
  const photon = await import('@silvia-odwyer/photon-node');
  let t0 = performance.now();
  const img = photon.PhotonImage.new_from_byteslice(new Uint8Array(jpg));
  t.decode = performance.now() - t0;
  t0 = performance.now();
  const small = photon.resize(img, 1024, 1024, photon.SamplingFilter.Lanczos3);
  t.resize = performance.now() - t0;
  t0 = performance.now();
  const logo = photon.resize(
    photon.PhotonImage.new_from_byteslice(new Uint8Array(logoPng)),
    256,
    256,
    photon.SamplingFilter.Lanczos3,
  );
  photon.watermark(small, logo, BigInt(1024 - 256 - 32), BigInt(1024 - 256 - 32));
  t.composite = performance.now() - t0;
  t0 = performance.now();
  small.get_bytes();
  t.encode = performance.now() - t0;
  const px = sha(small.get_raw_pixels());
  img.free();
  small.free();
  logo.free();
  return px;
});
await measure('image-js', async (t) => {
  const ij = await import('image-js');
  let t0 = performance.now();
  const img = ij.decode(new Uint8Array(jpg));
  t.decode = performance.now() - t0;
  t0 = performance.now();
  const small = img.resize({ width: 1024, height: 1024 });
  t.resize = performance.now() - t0;
  t0 = performance.now();
  const logo = ij.decode(new Uint8Array(logoPng)).resize({ width: 256, height: 256 });
  const small4 = small.channels === 4 ? small : small.convertColor('RGBA');
  logo.copyTo(small4, { origin: { column: 1024 - 256 - 32, row: 1024 - 256 - 32 }, out: small4 });
  t.composite = performance.now() - t0;
  t0 = performance.now();
  ij.encodePng(small4);
  t.encode = performance.now() - t0;
  return sha(small4.getRawImage().data);
});
await measure('wasm-vips', async (t) => {
  const Vips = (await import('wasm-vips')).default;
  globalThis.__vips ??= await Vips();
  const vips = globalThis.__vips;
  let t0 = performance.now();
  const img = vips.Image.newFromBuffer(jpg);
  img.avg();
  t.decode = performance.now() - t0;
  t0 = performance.now();
  const small = img.resize(1024 / 4096, { kernel: 'lanczos3' });
  t.resize = performance.now() - t0;
  t0 = performance.now();
  const logo = vips.Image.newFromBuffer(logoPng).resize(0.5);
  const out = small.bandjoin(255).composite2(logo, 'over', { x: 1024 - 256 - 32, y: 1024 - 256 - 32 });
  t.composite = performance.now() - t0;
  t0 = performance.now();
  const _png = out.writeToBuffer('.png');
  t.encode = performance.now() - t0;
  const raw = out.writeToMemory();
  return sha(raw);
});
console.log(JSON.stringify(results));
process.exit(0);
