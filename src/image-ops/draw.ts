import type { DrawOp, EncodedImage } from '../engine/image-ops';
import { err, ok, type Result } from '../engine/result';
import { type Codecs, type RawImage, rawImage } from './codecs';
import { checkOutputSize, decodeChecked, encode } from './decode';
import { labelContours, labelFont } from './label-text';
import { blendOver, blendPixel, filled } from './pixels';
import { contoursCoverage, FULL_COVERAGE, strokeOutline } from './raster';

/**
 * Sketch and annotate: strokes (and annotate's text labels, over them) go on their own transparent layer (so the eraser removes strokes,
 * not the picture underneath), which is then laid over the background or the input image.
 */
export async function draw(codecs: Codecs, request: DrawOp): Promise<Result<EncodedImage[]>> {
  let base: RawImage;
  if (request.image) {
    const input = await decodeChecked(codecs, request.image, 'the image');
    if (!input.ok) return input;
    base = input.value.pixels;
  } else {
    const tooBig = checkOutputSize(request.width, request.height);
    if (tooBig) return err(tooBig);
    base = filled(request.width, request.height, request.background);
  }
  // Strokes were drawn on a width x height surface; on an image they scale to its width.
  const scale = base.width / request.width;
  const layer = rawImage(base.width, base.height);
  const mask = request.mask ? new Uint8ClampedArray(base.width * base.height) : undefined;
  const face = request.labels?.length ? await labelFont() : undefined;
  const marks = [
    ...request.strokes.map((stroke) => ({ stroke, contours: [strokeOutline(stroke, scale)] })),
    ...(request.labels ?? []).map((label) => ({
      stroke: { colour: label.colour, erase: false },
      contours: face ? labelContours(face, label, scale) : [],
    })),
  ];
  for (const { stroke, contours } of marks) {
    const { coverage, top, bottom } = contoursCoverage(contours, base.width, base.height);
    const [r, g, b, a] = stroke.colour;
    for (let pixel = top * base.width; pixel < bottom * base.width; pixel++) {
      const covered = coverage[pixel] as number;
      if (covered === 0) continue;
      const at = pixel * 4;
      if (stroke.erase) {
        layer.data[at + 3] = Math.round(
          ((layer.data[at + 3] as number) * (FULL_COVERAGE - covered)) / FULL_COVERAGE,
        );
        if (mask)
          mask[pixel] = Math.round(((mask[pixel] as number) * (FULL_COVERAGE - covered)) / FULL_COVERAGE);
        continue;
      }
      blendPixel(layer.data, at, r, g, b, Math.round((a * covered) / FULL_COVERAGE));
      if (mask) mask[pixel] = Math.max(mask[pixel] as number, Math.round((255 * covered) / FULL_COVERAGE));
    }
  }
  blendOver(base, layer, 0, 0);
  // PNG: drawings are flat colour and sharp edges, and a mask must stay exact.
  const out = [await encode(codecs, base, 'image/png')];
  if (mask) {
    const maskImage = rawImage(base.width, base.height);
    for (let pixel = 0; pixel < mask.length; pixel++) {
      const value = mask[pixel] as number;
      maskImage.data.set([value, value, value, 255], pixel * 4);
    }
    out.push(await encode(codecs, maskImage, 'image/png'));
  }
  return ok(out);
}
