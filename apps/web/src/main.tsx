import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, firstPageLoaded } from './App';
import { getLocale } from './i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The remembered or browser language, before the first paint.
document.documentElement.lang = getLocale();

// A patient's page arrives in a moment: rendering it then, rather than a fallback now,
// spares React's hold-back of a fallback's replacement.
void firstPageLoaded().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
