import type { AppsStatus } from '../../../../../src-main/contract/protection';
import { translate } from '../../../app/i18n/messages';
import type { ProtectionStatusText } from '../protection-view';
import { appsMessages } from './apps-messages';

export const appsStatusText: ProtectionStatusText<AppsStatus> = {
  name: (locale) => translate(appsMessages, locale, 'name'),
  describe: (status, locale) => {
    if (status.state === 'unavailable') return translate(appsMessages, locale, status.unavailable.reason);
    const { appCount, launches } = status.detail;
    const closed = launches.reduce((sum, launch) => sum + launch.attempts, 0);
    return translate(appsMessages, locale, closed === 0 ? 'active.none' : 'active.closed', { count: appCount, closed });
  },
  // The enforcer runs in the app itself and sees every process it closes.
  verified: () => true,
};
