import type { AppsStatus } from '../../../../../src-main/contract/protection';
import { translate } from '../../../app/i18n/messages';
import type { ProtectionStatusText } from '../protection-view';
import { appsMessages } from './apps-messages';

export const appsStatusText: ProtectionStatusText<AppsStatus> = {
  name: (locale) => translate(appsMessages, locale, 'name'),
  describe: (status, locale) => {
    if (status.state === 'unavailable') return translate(appsMessages, locale, status.unavailable.reason);
    const { by, appCount, launches } = status.detail;
    const closed = launches.reduce((sum, launch) => sum + launch.attempts, 0);
    const key = closed === 0 ? 'active.none' : 'active.closed';
    return translate(appsMessages, locale, by === 'guard' ? `${key}.guard` : key, { count: appCount, closed });
  },
  // The app's own enforcer sees every process it closes; the guard's is reported active only once its status says it closes this session's apps.
  verified: () => true,
};
