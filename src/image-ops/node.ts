import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { init as initJpegDecode } from '@jsquash/jpeg/decode.js';
import { init as initJpegEncode } from '@jsquash/jpeg/encode.js';
import { init as initPngDecode } from '@jsquash/png/decode.js';
import { init as initPngEncode } from '@jsquash/png/encode.js';
import { initResize } from '@jsquash/resize';
import { init as initWebpDecode } from '@jsquash/webp/decode.js';
import { init as initWebpEncode } from '@jsquash/webp/encode.js';
import { instantiate as instantiateLcms } from 'lcms-wasm';
import type { ImageOps } from '../engine/image-ops';
import { err } from '../engine/result';
import { type Lcms, setLcmsLoader } from './colour-management';
import { jsquashCodecs } from './jsquash-codecs';
import { setLabelFontLoader } from './label-text';
import { runImageOp } from './pipeline';

const require = createRequire(import.meta.url);

async function compile(specifier: string): Promise<WebAssembly.Module> {
  return WebAssembly.compile(await readFile(require.resolve(specifier)));
}

/** The codecs' glue builds results with `new ImageData(...)`, which Node lacks. */
class NodeImageData {
  readonly colorSpace = 'srgb';
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}

let ready: Promise<void> | undefined;

/** Loads the wasm files from node_modules (the glue's own loader fetches URLs, which Node cannot). */
export function initNodeCodecs(): Promise<void> {
  ready ??= (async () => {
    const globals = globalThis as { ImageData?: unknown };
    globals.ImageData ??= NodeImageData;
    const lcmsBinary = await readFile(require.resolve('lcms-wasm/dist/lcms.wasm'));
    setLcmsLoader(() => instantiateLcms({ wasmBinary: lcmsBinary }) as Promise<Lcms>);
    setLabelFontLoader(async () => {
      const file = await readFile(require.resolve('@fontsource/inter/files/inter-latin-700-normal.woff'));
      return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    });
    const png = await compile('@jsquash/png/codec/pkg/squoosh_png_bg.wasm');
    await Promise.all([
      compile('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm').then((module) => initJpegDecode(module)),
      compile('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm').then((module) => initJpegEncode(module)),
      initPngDecode(png),
      initPngEncode(png),
      compile('@jsquash/webp/codec/dec/webp_dec.wasm').then((module) => initWebpDecode(module)),
      // Node 20 has wasm SIMD, so the encoder picks its SIMD build, as Chromium does.
      compile('@jsquash/webp/codec/enc/webp_enc_simd.wasm').then((module) => initWebpEncode(module)),
      compile('@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm').then((module) => initResize(module)),
    ]);
  })();
  return ready;
}

/**
 * Image tools for the CLI and Node tests. One operation at a time: each holds whole decoded
 * images (up to 256 MB), and the wasm work is synchronous anyway.
 */
export function createNodeImageOps(): ImageOps {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(request, signal) {
      const work = queue.then(async () => {
        if (signal.aborted) return err({ code: 'cancelled' as const, message: 'cancelled' });
        await initNodeCodecs();
        return runImageOp(jsquashCodecs, request);
      });
      queue = work.catch(() => undefined);
      return work;
    },
  };
}
