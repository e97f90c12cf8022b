// First: zod must know before any parse that this page allows no eval.
import './zod-without-eval';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './styles/nodes.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { openLinkedFile, withoutOpenParam } from './io/open-link';
import { preloadWhenIdle } from './preload';
import { finishOpenRouterSignIn } from './settings/openrouter-signin';
import { applyTheme, useThemeStore } from './settings/theme';
import { view } from './store/view-store';
import { openInitialDocument } from './templates/startup';

// The chosen theme is on the page before its first render: the overview map reads its colours
// then, and the App's effect that applies it runs after its children's.
applyTheme(useThemeStore.getState().theme);
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html is missing #root');
// `?open=<url>`: a link that opens a workflow file. Fetched at once, while the app starts; the
// parameter leaves the address so a reload reopens the saved copy instead of importing again.
const linked = openLinkedFile(location.href);
if (linked) history.replaceState(history.state, '', withoutOpenParam(location.href));
const opened = openInitialDocument({}, linked);
if (import.meta.env.MODE === 'bench')
  void import('./bench-hook').then((bench) => bench.startBench(opened, linked !== undefined));
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
