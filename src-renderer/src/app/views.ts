import { lazy, type ComponentType } from 'react';
import { FocusView } from '../features/session/FocusView';
import { SettingsView } from '../features/settings/SettingsView';
import type { ViewId } from './navigation';

// The notepad brings CodeMirror and KaTeX, the reflections KaTeX and the Markdown parser: each is loaded when
// first opened, so the app itself starts light.
const NotepadView = lazy(() => import('../features/notepad/NotepadView').then((module) => ({ default: module.NotepadView })));
const ReflectionsView = lazy(() => import('../features/reflections/ReflectionsView').then((module) => ({ default: module.ReflectionsView })));

/** The four places of the app, in navigation order; `Mod+1`..`Mod+4` go to them. */
export const views: readonly { id: ViewId; component: ComponentType }[] = [
  { id: 'focus', component: FocusView },
  { id: 'notepad', component: NotepadView },
  { id: 'reflections', component: ReflectionsView },
  { id: 'settings', component: SettingsView },
];
