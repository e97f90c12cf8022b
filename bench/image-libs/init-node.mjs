import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const wasm = (p) => WebAssembly.compile(readFileSync(require.resolve(p)));
globalThis.ImageData ??= class ImageData {
  constructor(data, width, height) {
    this.data = data;
    this.width = width;
    this.height = height;
    this.colorSpace = 'srgb';
  }
};
export async function initJsquash() {
  const jd = await import('@jsquash/jpeg/decode.js');
  await jd.init(await wasm('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'));
  const je = await import('@jsquash/jpeg/encode.js');
  await je.init(await wasm('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'));
  const pd = await import('@jsquash/png/decode.js');
  await pd.init(await wasm('@jsquash/png/codec/pkg/squoosh_png_bg.wasm'));
  const pe = await import('@jsquash/png/encode.js');
  await pe.init(await wasm('@jsquash/png/codec/pkg/squoosh_png_bg.wasm'));
  const rs = await import('@jsquash/resize');
  await rs.initResize(await wasm('@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm'));
  return {
    decodeJpeg: jd.default,
    encodeJpeg: je.default,
    decodePng: pd.default,
    encodePng: pe.default,
    resize: rs.default,
  };
}
export async function initPng() {
  await initJsquash();
}
