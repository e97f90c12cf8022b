import type { Font } from 'opentype.js';
import { useEffect, useMemo, useState } from 'react';
import type { LabelParam } from '../../../nodes/shared/labels';

type LabelText = typeof import('../../image-ops/label-text');

let loading: Promise<{ text: LabelText; face: Font }> | undefined;

/** opentype.js and the font load on first use only (not in first paint), once per page. */
function loadLabelText(): Promise<{ text: LabelText; face: Font }> {
  loading ??= Promise.all([
    import('../../image-ops/label-text'),
    import('@fontsource/inter/files/inter-latin-700-normal.woff?url'),
  ]).then(async ([text, url]) => {
    text.setLabelFontLoader(async () => (await fetch(url.default)).arrayBuffer());
    return { text, face: await text.labelFont() };
  });
  return loading;
}

/**
 * SVG path data for each label: the same polygons the pipeline fills, so the preview shows the
 * output's letter shapes. Undefined until the font has loaded (the caller shows plain text then).
 */
export function useLabelPaths(labels: LabelParam[]): string[] | undefined {
  const [loaded, setLoaded] = useState<{ text: LabelText; face: Font } | undefined>(undefined);
  const wanted = labels.length > 0;
  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    loadLabelText()
      .then((result) => {
        if (live) setLoaded(result);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [wanted, loaded]);
  return useMemo(
    () =>
      loaded
        ? labels.map((label) => loaded.text.contoursPath(loaded.text.labelContours(loaded.face, label, 1)))
        : undefined,
    [loaded, labels],
  );
}
