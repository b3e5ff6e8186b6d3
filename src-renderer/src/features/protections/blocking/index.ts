import type { BlockingStatus } from '../../../../../src-main/contract/protection';
import type { ProtectionView } from '../protection-view';
import { blockingStatusText } from './blocking-status-text';
import { BlockingSection } from './BlockingSection';

/** Blocking as a protection: its status words and its Settings section. */
export const blockingProtection: ProtectionView<BlockingStatus> = { ...blockingStatusText, SettingsSection: BlockingSection };
export { BlockingSection } from './BlockingSection';
export { followBlocking } from './blocking-store';
export { useBlockingCommands } from './blocking-commands';
export { useBlockingStore } from './blocking-store';
