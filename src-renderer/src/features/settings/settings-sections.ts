import type { ComponentType } from 'react';
import { AboutSection } from './AboutSection';
import { AppearanceSection } from './AppearanceSection';
import { BlockingSection } from './blocking/BlockingSection';
import { EditorSection } from '../notepad/EditorSection';
import { SessionSettingsSection } from '../session/SessionSettingsSection';

/** The Settings view lists these in order; each feature adds its own section component here. */
export const settingsSections: readonly { id: string; component: ComponentType }[] = [
  { id: 'appearance', component: AppearanceSection },
  { id: 'sessions', component: SessionSettingsSection },
  { id: 'blocking', component: BlockingSection },
  { id: 'writing', component: EditorSection },
  { id: 'about', component: AboutSection },
];
