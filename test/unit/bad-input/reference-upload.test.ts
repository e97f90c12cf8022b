// @vitest-environment jsdom
/**
 * Reference images given to the editor (file picker, drop, paste all go through acceptImageFile):
 * the bytes decide, never the name. Each bad file is refused with a message naming the file and
 * the reason; nothing reaches the asset store.
 */
import '../../component/setup-dom';
import { describe, expect, it, vi } from 'vitest';
import { editorAssets } from '../../../src/editor/images/assets';
import { acceptImageFile } from '../../../src/editor/images/upload';
import { makePngHeaderOnly, makeTestPng } from '../../../src/engine/image/test-images';

const file = (bytes: Uint8Array | string, name: string) =>
  new File([typeof bytes === 'string' ? bytes : (bytes as BlobPart)], name);

const noDownscale = async () => ({ error: 'the downscaler must not run for this file' });

describe('reference uploads that are not usable images', () => {
  it.each([
    ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'logo.svg', /SVG/],
    ['HTML renamed .png', '<!DOCTYPE html><html><body>hello</body></html>', 'photo.png', /HTML/],
    ['0 bytes', '', 'empty.png', /empty|0 bytes/i],
    ['random bytes named .jpg', 'not an image at all, just text', 'cat.jpg', /not .*(image|PNG|JPEG)/i],
  ])('%s is refused, naming the file and why', async (_what, bytes, name, reason) => {
    const put = vi.spyOn(editorAssets, 'put');
    const result = await acceptImageFile(file(bytes, name), noDownscale);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(`"${name}" was refused`);
    expect(result.message).toMatch(reason);
    expect(put).not.toHaveBeenCalled();
    put.mockRestore();
  });

  it('a 40000x40000 px PNG is refused from its header, without decoding (no downscale attempt)', async () => {
    let downscaleCalls = 0;
    const result = await acceptImageFile(file(makePngHeaderOnly(40_000, 40_000), 'bomb.png'), async () => {
      downscaleCalls++;
      return { error: 'should not be called' };
    });
    expect(downscaleCalls).toBe(0);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/"bomb\.png" was refused: .*40000x40000 px/),
    });
  });

  it('a 30 MB image is resized to fit, with a notice; refused with the reason when it cannot be', async () => {
    const header = makePngHeaderOnly(4000, 3000);
    const big = new Uint8Array(30 * 1024 * 1024);
    big.set(header);
    const small = makeTestPng({ width: 3072, height: 2304 });
    const resized = await acceptImageFile(file(big, 'big.png'), async () => ({
      bytes: small,
      width: 3072,
      height: 2304,
    }));
    expect(resized.ok).toBe(true);
    if (resized.ok) expect(resized.notice).toMatch(/"big\.png" was 4000x3000 px; resized to 3072x2304 px/);
    const refused = await acceptImageFile(file(big, 'big.png'), async () => ({ error: 'no canvas here' }));
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(/"big\.png" was refused: .*30(\.0)? MB.*\(no canvas here\)/),
    });
  });
});
