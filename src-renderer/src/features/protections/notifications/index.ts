import type { NotificationsStatus } from '../../../../../src-main/contract/protection';
import type { ProtectionView } from '../protection-view';
import { notificationsStatusText } from './notifications-status-text';
import { NotificationsSection } from './NotificationsSection';

export const notificationsProtection: ProtectionView<NotificationsStatus> = { ...notificationsStatusText, SettingsSection: NotificationsSection };
