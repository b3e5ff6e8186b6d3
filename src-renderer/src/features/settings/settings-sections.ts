import type { ComponentType } from 'react';
import { AboutSection } from './AboutSection';
import { AppearanceSection } from './AppearanceSection';

/** The Settings view lists these in order; each feature adds its own section component here. */
export const settingsSections: readonly { id: string; component: ComponentType }[] = [
  { id: 'appearance', component: AppearanceSection },
  { id: 'about', component: AboutSection },
];
