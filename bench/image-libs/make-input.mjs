// Builds the 4096x4096 photo-like JPEG and a 512x512 RGBA logo PNG every library reads.
import { writeFileSync } from 'node:fs';

globalThis.ImageData ??= class ImageData {
  constructor(data, width, height) {
    this.data = data;
    this.width = width;
    this.height = height;
  }
};

import { createRequire } from 'node:module';

const _require = createRequire(import.meta.url);

const { initJsquash } = await import('./init-node.mjs');
const { encodeJpeg, encodePng } = await initJsquash();
const size = 4096;
const rgba = new Uint8ClampedArray(size * size * 4);
let seed = 1;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
for (let y = 0; y < size; y++)
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    rgba[i] = 128 + 100 * Math.sin(x / 97) + 20 * rand();
    rgba[i + 1] = (x ^ y) & 255;
    rgba[i + 2] = 128 + 100 * Math.cos((x + y) / 211);
    rgba[i + 3] = 255;
  }
writeFileSync(
  '/tmp/h16-lib/bench/photo-4096.jpg',
  Buffer.from(await encodeJpeg(new ImageData(rgba, size, size), { quality: 85 })),
);
const l = 512,
  logo = new Uint8ClampedArray(l * l * 4);
for (let y = 0; y < l; y++)
  for (let x = 0; x < l; x++) {
    const i = (y * l + x) * 4,
      d = Math.hypot(x - 256, y - 256);
    logo[i] = 255;
    logo[i + 1] = 200;
    logo[i + 2] = 0;
    logo[i + 3] = d < 200 ? 255 : d < 256 ? Math.round((255 * (256 - d)) / 56) : 0;
  }
writeFileSync('/tmp/h16-lib/bench/logo-512.png', Buffer.from(await encodePng(new ImageData(logo, l, l))));
console.log('ok');
