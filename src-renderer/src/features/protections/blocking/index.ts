import type { BlockingStatus } from '../../../../../src-main/contract/protection';
import type { ProtectionView } from '../protection-view';
import { blockingStatusText } from './blocking-status-text';
import { BlockingSection } from './BlockingSection';

export const blockingProtection: ProtectionView<BlockingStatus> = { ...blockingStatusText, SettingsSection: BlockingSection };
export { useBlockingCommands } from './blocking-commands';
