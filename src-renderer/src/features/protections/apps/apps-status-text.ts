import type { ListedApp } from '../../../../../src-main/contract/apps';
import type { AppsStatus } from '../../../../../src-main/contract/protection';
import type { Locale } from '../../../app/i18n/locale';
import { translate } from '../../../app/i18n/messages';
import type { ProtectionStatusText } from '../protection-view';
import { appsMessages } from './apps-messages';

export const appsStatusText: ProtectionStatusText<AppsStatus> = {
  name: (locale) => translate(appsMessages, locale, 'name'),
  describe: (status, locale) => {
    if (status.state === 'unavailable') return translate(appsMessages, locale, status.unavailable.reason);
    const { appCount, launches, installed } = status.detail;
    const closed = launches.reduce((sum, launch) => sum + launch.attempts, 0);
    const closing = translate(appsMessages, locale, closed === 0 ? 'active.none' : 'active.closed', { count: appCount, closed });
    return installed === null ? closing : `${closing}${locale === 'zh-CN' ? '' : ' '}${installedHere(installed, locale)}`;
  },
  // The enforcer runs in the app itself and sees every process it closes.
  verified: () => true,
};

/** The names shown before "and N more": the line stays one calm sentence however long the list. */
const NAMES_SHOWN = 5;

/** Which apps of the list are installed on this machine, by name. */
function installedHere(installed: readonly ListedApp[], locale: Locale): string {
  if (installed.length === 0) return translate(appsMessages, locale, 'installed.none');
  const names = installed.slice(0, NAMES_SHOWN).map((app) => app.names[locale]);
  const rest = installed.length - names.length;
  if (rest > 0) names.push(translate(appsMessages, locale, 'installed.more', { count: rest }));
  return translate(appsMessages, locale, 'installed.some', { apps: new Intl.ListFormat(locale, { type: 'conjunction' }).format(names) });
}
