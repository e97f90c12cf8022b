import { describe, expect, it } from 'vitest';
import { exportFileName, imageExtension } from '../../../src/engine/file-extension';

describe('imageExtension', () => {
  it('names the extension each image type calls for', () => {
    expect(imageExtension('image/png')).toBe('png');
    expect(imageExtension('image/jpeg')).toBe('jpg');
    expect(imageExtension('image/webp')).toBe('webp');
  });

  it('falls back to png for a type it does not know', () => {
    expect(imageExtension('image/gif')).toBe('png');
    expect(imageExtension('')).toBe('png');
  });
});

describe('exportFileName', () => {
  it("joins the filled template and the image's extension with a dot", () => {
    expect(exportFileName('img-gen-1', 'image/jpeg')).toBe('img-gen-1.jpg');
    expect(exportFileName('a.b', 'image/webp')).toBe('a.b.webp');
    expect(exportFileName('out', 'application/octet-stream')).toBe('out.png');
  });
});
