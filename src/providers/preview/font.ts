/**
 * A 5x7 bitmap font for the preview placeholder: printable ASCII, lower case drawn as upper case.
 * Each glyph is 7 rows of 5 bits written as 14 hex digits; the high bit (0x10) is the left column.
 */
const GLYPHS: Record<string, string> = {
  ' ': '00000000000000',
  '!': '04040404040004',
  '"': '0a0a0a00000000',
  '#': '0a0a1f0a1f0a0a',
  $: '040f140e051e04',
  '%': '18190204081303',
  '&': '0c12140815120d',
  "'": '0c040800000000',
  '(': '02040808080402',
  ')': '08040202020408',
  '*': '0004150e150400',
  '+': '0004041f040400',
  ',': '000000000c0408',
  '-': '0000001f000000',
  '.': '00000000000c0c',
  '/': '00010204081000',
  '0': '0e11131519110e',
  '1': '040c040404040e',
  '2': '0e11010204081f',
  '3': '1f02040201110e',
  '4': '02060a121f0202',
  '5': '1f101e0101110e',
  '6': '0608101e11110e',
  '7': '1f010204080808',
  '8': '0e11110e11110e',
  '9': '0e11110f01020c',
  ':': '000c0c000c0c00',
  ';': '000c0c000c0408',
  '<': '02040810080402',
  '=': '00001f001f0000',
  '>': '08040201020408',
  '?': '0e110102040004',
  '@': '0e11010d15150e',
  A: '0e1111111f1111',
  B: '1e11111e11111e',
  C: '0e11101010110e',
  D: '1c12111111121c',
  E: '1f10101e10101f',
  F: '1f10101e101010',
  G: '0e11101711110f',
  H: '1111111f111111',
  I: '0e04040404040e',
  J: '0702020202120c',
  K: '11121418141211',
  L: '1010101010101f',
  M: '111b1515111111',
  N: '11111915131111',
  O: '0e11111111110e',
  P: '1e11111e101010',
  Q: '0e11111115120d',
  R: '1e11111e141211',
  S: '0f10100e01011e',
  T: '1f040404040404',
  U: '1111111111110e',
  V: '11111111110a04',
  W: '1111111515150a',
  X: '11110a040a1111',
  Y: '1111110a040404',
  Z: '1f01020408101f',
  '[': '0e08080808080e',
  '\\': '00100804020100',
  ']': '0e02020202020e',
  '^': '040a1100000000',
  _: '0000000000001f',
  '`': '08040200000000',
  '{': '02040408040402',
  '|': '04040404040404',
  '}': '08040402040408',
  '~': '00000815020000',
};

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Horizontal advance per character, one column of spacing included. */
export const GLYPH_ADVANCE = GLYPH_WIDTH + 1;

const decoded = new Map<string, Uint8Array>();

/** The 7 row bitmaps of `char`; characters outside the font are drawn as '?'. */
export function glyphRows(char: string): Uint8Array {
  const key =
    GLYPHS[char] !== undefined ? char : GLYPHS[char.toUpperCase()] !== undefined ? char.toUpperCase() : '?';
  let rows = decoded.get(key);
  if (!rows) {
    const hex = GLYPHS[key] ?? '';
    rows = new Uint8Array(GLYPH_HEIGHT);
    for (let row = 0; row < GLYPH_HEIGHT; row++)
      rows[row] = Number.parseInt(hex.slice(row * 2, row * 2 + 2), 16);
    decoded.set(key, rows);
  }
  return rows;
}
