import { createElement, type ComponentType } from 'react';
import type { ProtectionId, ProtectionStatus } from '../../../src-main/contract/protection';
import { EditorSection } from '../features/notepad';
import { protectionViews, type ProtectionSectionProps } from '../features/protections';
import { sessionSettingsSection, useProtectionStatus } from '../features/session';
import { scheduleSettingsSection } from '../features/schedule';
import { aboutSection, appearanceSection } from '../features/settings';
import type { SettingsSection } from './settings-section';

/** A protection's section, handed what the running session reports for it (protections do not read the session). */
function protectionSection(id: ProtectionId): SettingsSection {
  const Section = protectionViews[id].SettingsSection as ComponentType<ProtectionSectionProps<ProtectionStatus>>;
  function ProtectionSection() {
    return createElement(Section, { sessionStatus: useProtectionStatus(id) });
  }
  return { id, component: ProtectionSection };
}

/** The Settings view lists these in order; each feature contributes its own section(s) through its index.ts. */
export const settingsSections: readonly SettingsSection[] = [
  appearanceSection,
  sessionSettingsSection,
  scheduleSettingsSection,
  ...(Object.keys(protectionViews) as ProtectionId[]).map(protectionSection),
  { id: 'writing', component: EditorSection },
  aboutSection,
];
