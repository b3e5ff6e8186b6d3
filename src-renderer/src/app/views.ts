import type { ComponentType } from 'react';
import { NotepadView } from '../features/notepad/NotepadView';
import { ReflectionsView } from '../features/reflections/ReflectionsView';
import { FocusView } from '../features/session/FocusView';
import { SettingsView } from '../features/settings/SettingsView';
import type { ViewId } from './navigation';

/** The four places of the app, in navigation order; `Mod+1`..`Mod+4` go to them. */
export const views: readonly { id: ViewId; component: ComponentType }[] = [
  { id: 'focus', component: FocusView },
  { id: 'notepad', component: NotepadView },
  { id: 'reflections', component: ReflectionsView },
  { id: 'settings', component: SettingsView },
];
