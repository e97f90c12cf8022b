/**
 * Control characters a crafted file could use to drive the terminal: C0 (ESC included) except
 * tab and newline, DEL, C1 (CSI, OSC, ...), and the Unicode bidi controls that reorder what is
 * shown (Trojan Source). Carriage return is escaped too: it can overwrite what was printed.
 */
const TERMINAL_CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text safe to print: each control character becomes its `\uXXXX` escape. Inside a JSON
 * string that escape decodes to the same character, so `--json` lines stay exact.
 */
export function escapeTerminalText(text: string): string {
  return text.replace(
    TERMINAL_CONTROLS,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
