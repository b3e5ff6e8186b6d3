import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/styles.css';
import { App } from './app/App';
import { useAppInfoStore } from './app/app-info';
import { followSettings, useSettingsStore } from './features/settings/settings-store';
import { followSession, useSessionStore } from './features/session/session-store';
import { followMath, followNotes } from './features/notepad';
import { followBlocking } from './features/protections/blocking';

followSettings();
followSession();
followNotes();
followMath();
followBlocking();
void useSessionStore.getState().load();
void useAppInfoStore.getState().load();
void useSettingsStore.getState().load();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
