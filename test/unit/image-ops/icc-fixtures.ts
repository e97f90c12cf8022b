/**
 * A Display P3 ICC profile (v4, matrix/TRC, as Apple's: P3 primaries, D65 white, the sRGB tone
 * curve), written here from the published definition rather than copied from a vendor file, and
 * the reference arithmetic a converted pixel is checked against (independent of Little CMS).
 */
import { asciiBytes, concatBytes, writeU32BE } from '../../../src/engine/image/bytes';
import { jpegSegment, pngChunk } from '../../../src/engine/image/test-images';
import { deflateZlib } from '../../../src/engine/image/zlib-limited';

type Vec3 = [number, number, number];
type Mat3 = [Vec3, Vec3, Vec3];

const D65: Vec3 = [0.95047, 1, 1.08883];
const D50: Vec3 = [0.96422, 1, 0.82521];
const BRADFORD: Mat3 = [
  [0.8951, 0.2664, -0.1614],
  [-0.7502, 1.7135, 0.0367],
  [0.0389, -0.0685, 1.0296],
];

const mul = (m: Mat3, v: Vec3): Vec3 => m.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]) as Vec3;
const matMul = (a: Mat3, b: Mat3): Mat3 =>
  a.map((row) =>
    [0, 1, 2].map((j) => row[0] * (b[0][j] ?? 0) + row[1] * (b[1][j] ?? 0) + row[2] * (b[2][j] ?? 0)),
  ) as Mat3;
function invert(m: Mat3): Mat3 {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

/** RGB -> XYZ for primaries (x, y) and a white point. */
function rgbToXyz(primaries: [number, number][], white: Vec3): Mat3 {
  const columns = primaries.map(([x, y]) => [x / y, 1, (1 - x - y) / y]) as Mat3;
  const m: Mat3 = [0, 1, 2].map((r) => [columns[0][r], columns[1][r], columns[2][r]]) as Mat3;
  const scale = mul(invert(m), white);
  return m.map((row) => [row[0] * scale[0], row[1] * scale[1], row[2] * scale[2]]) as Mat3;
}

const P3_TO_XYZ = rgbToXyz(
  [
    [0.68, 0.32],
    [0.265, 0.69],
    [0.15, 0.06],
  ],
  D65,
);
const SRGB_TO_XYZ = rgbToXyz(
  [
    [0.64, 0.33],
    [0.3, 0.6],
    [0.15, 0.06],
  ],
  D65,
);

/** Bradford chromatic adaptation D65 -> D50 (what a v4 profile's 'chad' tag holds). */
function adaptD65toD50(): Mat3 {
  const src = mul(BRADFORD, D65);
  const dst = mul(BRADFORD, D50);
  const scale: Mat3 = [
    [dst[0] / src[0], 0, 0],
    [0, dst[1] / src[1], 0],
    [0, 0, dst[2] / src[2]],
  ];
  return matMul(invert(BRADFORD), matMul(scale, BRADFORD));
}

const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toGamma = (v: number) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);

/** The sRGB value of a Display P3 colour (8-bit), clipped to the sRGB gamut. */
export function p3ToSrgb([r, g, b]: Vec3): Vec3 {
  const xyz = mul(P3_TO_XYZ, [toLinear(r / 255), toLinear(g / 255), toLinear(b / 255)]);
  const linear = mul(invert(SRGB_TO_XYZ), xyz);
  return linear.map((v) => Math.round(255 * toGamma(Math.min(1, Math.max(0, v))))) as Vec3;
}

const s15 = (v: number) => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, Math.round(v * 65536));
  return out;
};
const u32 = (v: number) => {
  const out = new Uint8Array(4);
  writeU32BE(out, 0, v);
  return out;
};
const u16 = (v: number) => new Uint8Array([v >> 8, v & 0xff]);
const typed = (type: string, ...parts: Uint8Array[]) =>
  concatBytes([asciiBytes(type), new Uint8Array(4), ...parts]);
const xyzTag = (v: Vec3) => typed('XYZ ', s15(v[0]), s15(v[1]), s15(v[2]));
function mluc(text: string): Uint8Array {
  const utf16 = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) utf16.set(u16(text.charCodeAt(i)), i * 2);
  return typed('mluc', u32(1), u32(12), asciiBytes('enUS'), u32(utf16.length), u32(28), utf16);
}

/** An ICC v4 display profile with these colorants (D50-adapted columns) and the sRGB curve. */
function matrixProfile(description: string, toXyzD65: Mat3): Uint8Array {
  const adapt = adaptD65toD50();
  const d50 = matMul(adapt, toXyzD65);
  const column = (i: 0 | 1 | 2): Vec3 => [d50[0][i], d50[1][i], d50[2][i]];
  const curve = typed(
    'para',
    u16(3),
    u16(0),
    ...[2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045].map(s15),
  );
  const tags: Array<[string, Uint8Array]> = [
    ['desc', mluc(description)],
    ['cprt', mluc('No copyright, use freely')],
    ['wtpt', xyzTag(D50)],
    ['chad', typed('sf32', ...adapt.flat().map(s15))],
    ['rXYZ', xyzTag(column(0))],
    ['gXYZ', xyzTag(column(1))],
    ['bXYZ', xyzTag(column(2))],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  const tableSize = 4 + tags.length * 12;
  let offset = 128 + tableSize;
  const entries: Uint8Array[] = [u32(tags.length)];
  const bodies: Uint8Array[] = [];
  for (const [signature, body] of tags) {
    const padded = new Uint8Array(Math.ceil(body.length / 4) * 4);
    padded.set(body);
    entries.push(asciiBytes(signature), u32(offset), u32(body.length));
    bodies.push(padded);
    offset += padded.length;
  }
  const header = new Uint8Array(128);
  writeU32BE(header, 0, offset);
  writeU32BE(header, 8, 0x04300000);
  header.set(asciiBytes('mntr'), 12);
  header.set(asciiBytes('RGB '), 16);
  header.set(asciiBytes('XYZ '), 20);
  header.set(asciiBytes('acsp'), 36);
  header.set(concatBytes([s15(D50[0]), s15(D50[1]), s15(D50[2])]), 68);
  return concatBytes([header, ...entries, ...bodies]);
}

export const displayP3Profile = (): Uint8Array => matrixProfile('Display P3', P3_TO_XYZ);
export const srgbProfile = (): Uint8Array => matrixProfile('sRGB IEC61966-2.1', SRGB_TO_XYZ);

/** The PNG with an iCCP chunk right after IHDR (where the PNG spec wants it: before IDAT). */
export function withPngProfile(png: Uint8Array, profile: Uint8Array): Uint8Array {
  const afterIhdr = 8 + 25;
  const iccp = pngChunk(
    'iCCP',
    concatBytes([asciiBytes('Display P3'), new Uint8Array([0, 0]), deflateZlib(profile)]),
  );
  return concatBytes([png.subarray(0, afterIhdr), iccp, png.subarray(afterIhdr)]);
}

/** The JPEG with the profile in one APP2 "ICC_PROFILE" segment right after SOI. */
export function withJpegProfile(jpeg: Uint8Array, profile: Uint8Array): Uint8Array {
  const payload = concatBytes([asciiBytes('ICC_PROFILE\0'), new Uint8Array([1, 1]), profile]);
  return concatBytes([jpeg.subarray(0, 2), jpegSegment(0xe2, payload), jpeg.subarray(2)]);
}
