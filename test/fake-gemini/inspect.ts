/** Test helpers: structural checks that PNG / JPEG bytes are complete and decodable. */
import { inflateSync } from 'node:zlib';
import { crc32, PNG_SIGNATURE } from './png';

export interface ImageInfo {
  width: number;
  height: number;
}

/** Verifies signature, IHDR, every chunk CRC and that IDAT inflates to the right size. */
export function readPng(bytes: Buffer): ImageInfo & { text: Record<string, string> } {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG signature');
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const text: Record<string, string> = {};
  while (off < bytes.length) {
    const len = bytes.readUInt32BE(off);
    const type = bytes.toString('latin1', off + 4, off + 8);
    const data = bytes.subarray(off + 8, off + 8 + len);
    if (crc32(bytes.subarray(off + 4, off + 8 + len)) !== bytes.readUInt32BE(off + 8 + len)) {
      throw new Error(`bad CRC in ${type}`);
    }
    if (off === 8 && type !== 'IHDR') throw new Error('first chunk is not IHDR');
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'IDAT') idat.push(data);
    if (type === 'tEXt') {
      const nul = data.indexOf(0);
      text[data.toString('latin1', 0, nul)] = data.toString('latin1', nul + 1);
    }
    off += 12 + len;
    if (type === 'IEND') break;
  }
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (1 + width * 3)) throw new Error('IDAT size does not match IHDR');
  return { width, height, text };
}

/** Verifies SOI, a baseline SOF0 frame, a scan and EOI; returns the frame size. */
export function readJpeg(bytes: Buffer): ImageInfo {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('no SOI');
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) throw new Error('no EOI');
  let off = 2;
  let frame: ImageInfo | undefined;
  while (off < bytes.length) {
    if (bytes[off] !== 0xff) throw new Error(`bad marker at ${off}`);
    const marker = bytes[off + 1] ?? 0;
    const len = bytes.readUInt16BE(off + 2);
    if (marker === 0xc0) frame = { height: bytes.readUInt16BE(off + 5), width: bytes.readUInt16BE(off + 7) };
    if (marker === 0xda) {
      if (!frame) throw new Error('scan before frame');
      return frame;
    }
    off += 2 + len;
  }
  throw new Error('no scan');
}
