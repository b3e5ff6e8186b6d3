import type { ComponentType } from 'react';
import { AboutSection } from './AboutSection';
import { AppearanceSection } from './AppearanceSection';
import { EditorSection } from '../notepad/EditorSection';
import { protectionViews } from '../protections/protection-views';
import { SessionSettingsSection } from '../session/SessionSettingsSection';

/** The Settings view lists these in order; each feature adds its own section here, each protection in protections/. */
export const settingsSections: readonly { id: string; component: ComponentType }[] = [
  { id: 'appearance', component: AppearanceSection },
  { id: 'sessions', component: SessionSettingsSection },
  ...Object.entries(protectionViews).map(([id, view]) => ({ id, component: view.SettingsSection })),
  { id: 'writing', component: EditorSection },
  { id: 'about', component: AboutSection },
];
