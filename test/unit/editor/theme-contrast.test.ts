import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../../src/editor/styles/theme.css', import.meta.url), 'utf8');

/** The custom properties of the first rule whose selector matches `selector` exactly. */
function tokens(selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`no rule ${selector}`);
  const body = css.slice(at, css.indexOf('}', at));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('theme tokens', () => {
  const light = tokens(':root');
  const dark = tokens(':root[data-theme="dark"]');
  for (const [name, theme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`${name}: port colours reach 3:1 against node surfaces (WCAG non-text contrast)`, () => {
      for (const port of ['port-text', 'port-image', 'port-images'])
        for (const surface of ['surface', 'surface-2']) {
          const ratio = contrast(theme[port] ?? '#000000', theme[surface] ?? '#000000');
          expect(ratio, `${port} on ${surface}`).toBeGreaterThanOrEqual(3);
        }
    });
    it(`${name}: Run (accent) and Cancel (danger) labels reach 4.5:1, also under the pointer`, () => {
      // The dark theme keeps the light theme's amber (its rule does not repeat it).
      const value = (token: string) => theme[token] ?? light[token] ?? '#000000';
      for (const [label, backgrounds] of [
        ['accent-text', ['accent', 'accent-hover']],
        ['danger-text', ['danger', 'danger-hover']],
      ] as const)
        for (const background of backgrounds)
          expect(
            contrast(value(label), value(background)),
            `${label} on ${background}`,
          ).toBeGreaterThanOrEqual(4.5);
    });
    it(`${name}: body and muted text reach 4.5:1`, () => {
      for (const text of ['text', 'muted'])
        expect(contrast(theme[text] ?? '#000000', theme.surface ?? '#000000'), text).toBeGreaterThanOrEqual(
          4.5,
        );
    });
  }
  it('the dark theme chosen by hand and by the system use the same colours', () => {
    const at = css.indexOf(':root:not([data-theme="light"]) {');
    const body = css.slice(at, css.indexOf('}', at));
    const system = Object.fromEntries(
      [...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]),
    );
    expect(system).toEqual(dark);
  });
});
