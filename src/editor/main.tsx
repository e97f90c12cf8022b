import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './styles/nodes.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { finishOpenRouterSignIn } from './settings/openrouter-signin';
import { view } from './store/view-store';
import { openInitialDocument } from './templates/startup';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html is missing #root');
const opened = openInitialDocument();
if (import.meta.env.MODE === 'bench') void opened.then(() => import('./bench-hook'));
// Back from "Sign in with OpenRouter": trade the code in the URL for a key.
void finishOpenRouterSignIn().then((outcome) => {
  if (outcome) view.toast(outcome.message);
});
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
