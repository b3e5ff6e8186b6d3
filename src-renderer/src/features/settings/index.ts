import type { SettingsSection } from '../../app/settings-section';
import { AboutSection } from './AboutSection';
import { AppearanceSection } from './AppearanceSection';

// The settings feature: the Settings view (it renders the sections the root gives it) and the app-wide sections.
export { SettingsView } from './SettingsView';
export { useSettingsCommands } from './settings-commands';
export const appearanceSection: SettingsSection = { id: 'appearance', component: AppearanceSection };
export const aboutSection: SettingsSection = { id: 'about', component: AboutSection };
