import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './styles/nodes.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadWhenIdle } from './preload';
import { finishOpenRouterSignIn } from './settings/openrouter-signin';
import { view } from './store/view-store';
import { openInitialDocument } from './templates/startup';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html is missing #root');
const opened = openInitialDocument();
if (import.meta.env.MODE === 'bench') void import('./bench-hook').then((bench) => bench.startBench(opened));
// The built app fetches the parts kept out of first paint once the document is on screen.
if (import.meta.env.PROD) void opened.then(preloadWhenIdle, preloadWhenIdle);
// Back from "Sign in with OpenRouter": trade the code in the URL for a key.
void finishOpenRouterSignIn().then((outcome) => {
  if (outcome) view.toast(outcome.message);
});
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
