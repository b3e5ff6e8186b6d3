import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './app/styles.css';
import { App } from './app/App';
import { useAppInfoStore } from './app/app-info';
import { followSettings, useSettingsStore } from './features/settings/settings-store';

followSettings();
void useAppInfoStore.getState().load();
void useSettingsStore.getState().load();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
