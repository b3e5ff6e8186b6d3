import type { AppsStatus } from '../../../../../src-main/contract/protection';
import type { ProtectionView } from '../protection-view';
import { appsStatusText } from './apps-status-text';
import { AppsSection } from './AppsSection';

/** Closing apps as a protection: its status words and its Settings section. */
export const appsProtection: ProtectionView<AppsStatus> = { ...appsStatusText, SettingsSection: AppsSection };
export { followApps } from './apps-store';
export { appLineRefusal } from './apps-messages';
export { useAppsStore } from './apps-store';
