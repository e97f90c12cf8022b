const sha = async (u8) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', u8))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 16);
function compositeRgba(base, bw, over, ow, oh, x0, y0) {
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const s = (y * ow + x) * 4,
        d = ((y + y0) * bw + x + x0) * 4,
        a = over[s + 3];
      if (a === 0) continue;
      for (let c = 0; c < 3; c++) base[d + c] = Math.round((over[s + c] * a + base[d + c] * (255 - a)) / 255);
    }
}
const pipelines = {
  jsquash: async (jpg, logoPng, t) => {
    const [{ default: decodeJpeg }, { decode: decodePng }, { default: resize }] = await Promise.all([
      import('@jsquash/jpeg/decode.js'),
      import('@jsquash/png/decode.js'),
      import('@jsquash/resize'),
    ]);
    let t0 = performance.now();
    const img = await decodeJpeg(jpg.slice(0));
    t.decode = performance.now() - t0;
    t0 = performance.now();
    const small = await resize(img, { width: 1024, height: 1024, method: 'lanczos3' });
    t.resize = performance.now() - t0;
    t0 = performance.now();
    const logo = await decodePng(logoPng.slice(0));
    const logoSmall = await resize(logo, { width: 256, height: 256 });
    compositeRgba(small.data, 1024, logoSmall.data, 256, 256, 1024 - 256 - 32, 1024 - 256 - 32);
    t.composite = performance.now() - t0;
    return sha(small.data);
  },
  jimp: async (jpg, logoPng, t) => {
    const { Jimp } = await import('jimp');
    let t0 = performance.now();
    const img = await Jimp.read(jpg.slice(0));
    t.decode = performance.now() - t0;
    t0 = performance.now();
    img.resize({ w: 1024, h: 1024 });
    t.resize = performance.now() - t0;
    t0 = performance.now();
    const logo = await Jimp.read(logoPng.slice(0));
    logo.resize({ w: 256, h: 256 });
    img.composite(logo, 1024 - 256 - 32, 1024 - 256 - 32);
    t.composite = performance.now() - t0;
    return sha(img.bitmap.data);
  },
};
window.runBench = async (name) => {
  const jpg = await (await fetch('/photo-4096.jpg')).arrayBuffer();
  const logoPng = await (await fetch('/logo-512.png')).arrayBuffer();
  const runs = [];
  let pixels;
  for (let i = 0; i < 3; i++) {
    const t = {};
    const t0 = performance.now();
    pixels = await pipelines[name](jpg, logoPng, t);
    t.total = performance.now() - t0;
    runs.push(t);
  }
  const best = runs.reduce((a, b) => (a.total < b.total ? a : b));
  return { ...Object.fromEntries(Object.entries(best).map(([k, v]) => [k, Math.round(v)])), pixels };
};
window.benchReady = true;
