import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function PlaceholderApp() {
  return <main>Peel editor is loading soon.</main>;
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html is missing #root');
createRoot(rootElement).render(
  <StrictMode>
    <PlaceholderApp />
  </StrictMode>,
);
