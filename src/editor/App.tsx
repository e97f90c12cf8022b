import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { useShortcuts } from './canvas/use-shortcuts';
import { HelpPanel } from './panels/HelpPanel';
import { Notices } from './panels/Notices';
import { Palette } from './panels/Palette';
import { SearchPopup } from './panels/SearchPopup';
import { SettingsPanel } from './panels/SettingsPanel';
import { Toolbar } from './panels/Toolbar';
import { Viewer } from './panels/Viewer';
import { watchDiagnostics } from './run/diagnostics';

function Shell() {
  useShortcuts();
  useEffect(() => watchDiagnostics(), []);
  return (
    <div className="app">
      <Toolbar />
      <div className="workspace">
        <Palette />
        <main className="canvas-area">
          <Canvas />
          <Notices />
        </main>
        <SettingsPanel />
        <HelpPanel />
      </div>
      <SearchPopup />
      <Viewer />
    </div>
  );
}

/** The app shell: toolbar, palette, canvas, panels. State lives in the stores, not here. */
export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}
