import { createElement, lazy, type ComponentType } from 'react';
import { FocusView } from '../features/session';
import { SettingsView } from '../features/settings';
import type { ViewId } from './navigation';
import { settingsSections } from './settings-sections';

// The notepad brings CodeMirror and KaTeX, the reflections KaTeX and the Markdown parser: each view is loaded when
// first opened, straight from its module (a feature's lazy entry), so the app starts light and a feature's index
// never reaches its view.
const NotepadView = lazy(() => import('../features/notepad/NotepadView').then((module) => ({ default: module.NotepadView })));
const ReflectionsView = lazy(() => import('../features/reflections/ReflectionsView').then((module) => ({ default: module.ReflectionsView })));
const Settings = () => createElement(SettingsView, { sections: settingsSections });

/** The four places of the app, in navigation order; `Mod+1`..`Mod+4` go to them. */
export const views: readonly { id: ViewId; component: ComponentType }[] = [
  { id: 'focus', component: FocusView },
  { id: 'notepad', component: NotepadView },
  { id: 'reflections', component: ReflectionsView },
  { id: 'settings', component: Settings },
];
