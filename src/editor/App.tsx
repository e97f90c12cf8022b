import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { EditorFlowProvider } from './canvas/flow-handle';
import { RefusalTip } from './canvas/RefusalTip';
import { useShortcuts } from './canvas/use-shortcuts';
import { LazyPanel, LazyViewer } from './lazy-panels';
import { RetiredModelsBanner } from './node-ui/RetiredModelsBanner';
import { Notices } from './panels/Notices';
import { Palette } from './panels/Palette';
import { SearchPopup } from './panels/SearchPopup';
import { Toolbar } from './panels/Toolbar';
import { StorageBanners } from './persistence/StorageBanners';
import { watchDiagnostics } from './run/diagnostics';
import { applyTheme, useThemeStore } from './settings/theme';
import { TabBar } from './tabs/TabBar';
import { TipProvider } from './ui/Tip';

function Shell() {
  useShortcuts();
  useEffect(() => watchDiagnostics(), []);
  return (
    <div className="app">
      <Toolbar />
      <TabBar />
      <div className="workspace">
        <Palette />
        <main className="canvas-area">
          <Canvas />
          <RetiredModelsBanner />
          <Notices />
        </main>
        <LazyPanel panel="settings" />
        <LazyPanel panel="help" />
        <LazyPanel panel="run-form" />
        <LazyPanel panel="batch" />
        <LazyPanel panel="library" />
        <LazyPanel panel="history" />
        <LazyPanel panel="storage" />
      </div>
      <StorageBanners />
      <SearchPopup />
      <RefusalTip />
      <LazyViewer />
    </div>
  );
}

/** The app shell: toolbar, palette, canvas, panels. State lives in the stores, not here. */
export function App() {
  useEffect(() => applyTheme(useThemeStore.getState().theme), []);
  return (
    <EditorFlowProvider>
      <TipProvider>
        <Shell />
      </TipProvider>
    </EditorFlowProvider>
  );
}
