import type { notificationsContract } from '../../contract/notifications';
import type { DomainHandlers } from '../ipc/router';
import type { NotificationsMuting } from './notifications-protection';

/** `muting` null: this host mutes no notifications at all, which the check answers as null. */
export function notificationsHandlers(muting: Pick<NotificationsMuting, 'check'> | null): DomainHandlers<typeof notificationsContract> {
  return {
    check: async () => (muting ? muting.check() : null),
  };
}
