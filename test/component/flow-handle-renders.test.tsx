// @vitest-environment jsdom
import './setup-dom';
import { act } from '@testing-library/react';
import { useStoreApi } from '@xyflow/react';
import { Profiler, useEffect } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFlow } from '../../src/editor/canvas/flow-handle';
import { Palette } from '../../src/editor/panels/Palette';
import { Toolbar } from '../../src/editor/panels/Toolbar';
import { TipProvider } from '../../src/editor/ui/Tip';
import { renderCanvas, resetStores, workflowOf } from './helpers';

/**
 * React Flow sets up its viewport after the first render. `useReactFlow` re-renders its caller
 * then, and the toolbar and palette called it: both rendered again, every button and tooltip in
 * them, while a workflow opened. Through `useFlow` they render once.
 */
beforeEach(() => resetStores(workflowOf([])));

function PanZoomReady({ onReady }: { onReady: () => void }) {
  const store = useStoreApi();
  useEffect(() => store.subscribe((state) => state.panZoom && onReady()), [store, onReady]);
  return null;
}

interface Seen {
  flow?: ReturnType<typeof useFlow>;
  store?: ReturnType<typeof useStoreApi>;
}

/** What a component gets from useFlow, next to React Flow's own store. */
function HandleProbe({ seen }: { seen: Seen }) {
  seen.flow = useFlow();
  seen.store = useStoreApi();
  return null;
}

describe('panels that use React Flow', () => {
  it('do not render again when the viewport is set up', async () => {
    const renders = { toolbar: 0, palette: 0 };
    // What had rendered when React Flow's viewport was set up (mount, tooltips registering).
    let atReady: typeof renders | undefined;
    renderCanvas(
      <TipProvider>
        <PanZoomReady onReady={() => (atReady ??= { ...renders })} />
        <Profiler id="toolbar" onRender={() => renders.toolbar++}>
          <Toolbar />
        </Profiler>
        <Profiler id="palette" onRender={() => renders.palette++}>
          <Palette />
        </Profiler>
      </TipProvider>,
    );
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(atReady?.toolbar).toBeGreaterThan(0);
    expect(atReady?.palette).toBeGreaterThan(0);
    // Nothing renders because the viewport is ready.
    expect(renders).toEqual(atReady);
  });

  it('still reach the viewport through the handle', async () => {
    const seen: Seen = {};
    renderCanvas(<HandleProbe seen={seen} />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await act(async () => {
      await seen.flow?.setViewport({ x: 10, y: 20, zoom: 0.5 });
    });
    expect(seen.store?.getState().transform).toEqual([10, 20, 0.5]);
  });
});
