import { createElement, type ComponentType } from 'react';
import { FocusView } from '../features/session';
import { NotepadView } from '../features/notepad';
import { ReflectionsView } from '../features/reflections';
import { SettingsView } from '../features/settings';
import type { ViewId } from './navigation';
import { settingsSections } from './settings-sections';

// The notepad and the reflections load when first opened (each feature's index makes its view lazy).
const Settings = () => createElement(SettingsView, { sections: settingsSections });

/** The four places of the app, in navigation order; `Mod+1`..`Mod+4` go to them. */
export const views: readonly { id: ViewId; component: ComponentType }[] = [
  { id: 'focus', component: FocusView },
  { id: 'notepad', component: NotepadView },
  { id: 'reflections', component: ReflectionsView },
  { id: 'settings', component: Settings },
];
