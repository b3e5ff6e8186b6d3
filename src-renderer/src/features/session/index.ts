import type { ProtectionStatus } from '../../../../src-main/contract/protection';
import type { SettingsSection } from '../../app/settings-section';
import { SessionSettingsSection } from './SessionSettingsSection';
import { useSessionStore } from './session-store';

// The session feature: the Focus view, its Settings section, its palette commands and its mirror of main.
export { FocusView } from './FocusView';
export { ParkLine } from './ParkLine';
export { useSessionCommands } from './use-session-commands';
export { followSession, useSessionStore } from './session-store';
export { minutesLeft, nextMinuteChange, useClockUntil } from './countdown';
export const sessionSettingsSection: SettingsSection = { id: 'sessions', component: SessionSettingsSection };

/** What the running (or just ended) session reports for one protection; undefined between sessions. */
export function useProtectionStatus(id: ProtectionStatus['id']): ProtectionStatus | undefined {
  return useSessionStore((store) => (store.state && 'protections' in store.state ? store.state.protections.find((protection) => protection.id === id) : undefined));
}
