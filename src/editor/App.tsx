import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { RefusalTip } from './canvas/RefusalTip';
import { useShortcuts } from './canvas/use-shortcuts';
import { ImportDialog } from './io/ImportDialog';
import { RetiredModelsBanner } from './node-ui/RetiredModelsBanner';
import { BatchPanel } from './panels/batch/BatchPanel';
import { HelpPanel } from './panels/HelpPanel';
import { HistoryPanel } from './panels/history/HistoryPanel';
import { LibraryPanel } from './panels/library/LibraryPanel';
import { Notices } from './panels/Notices';
import { Palette } from './panels/Palette';
import { RunFormPanel } from './panels/run-form/RunFormPanel';
import { SearchPopup } from './panels/SearchPopup';
import { SettingsPanel } from './panels/SettingsPanel';
import { StoragePanel } from './panels/storage/StoragePanel';
import { Toolbar } from './panels/Toolbar';
import { Viewer } from './panels/Viewer';
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
          <ImportDialog />
        </main>
        <SettingsPanel />
        <HelpPanel />
        <RunFormPanel />
        <BatchPanel />
        <LibraryPanel />
        <HistoryPanel />
        <StoragePanel />
      </div>
      <StorageBanners />
      <SearchPopup />
      <RefusalTip />
      <Viewer />
    </div>
  );
}

/** The app shell: toolbar, palette, canvas, panels. State lives in the stores, not here. */
export function App() {
  useEffect(() => applyTheme(useThemeStore.getState().theme), []);
  return (
    <ReactFlowProvider>
      <TipProvider>
        <Shell />
      </TipProvider>
    </ReactFlowProvider>
  );
}
