import type { AppsOpenAtStart, ListedApp } from '../../../../../src-main/contract/apps';
import type { AppsStatus } from '../../../../../src-main/contract/protection';
import type { Locale } from '../../../app/i18n/locale';
import { translate } from '../../../app/i18n/messages';
import type { ProtectionStatusText } from '../protection-view';
import { appsMessages } from './apps-messages';

export const appsStatusText: ProtectionStatusText<AppsStatus> = {
  name: (locale) => translate(appsMessages, locale, 'name'),
  describe: (status, locale) => {
    if (status.state === 'unavailable') return translate(appsMessages, locale, status.unavailable.reason);
    const { by, appCount, launches, installed, openAtStart } = status.detail;
    const closed = launches.reduce((sum, launch) => sum + launch.attempts, 0);
    const key = closed === 0 ? 'active.none' : 'active.closed';
    const list = translate(appsMessages, locale, by === 'guard' ? `${key}.guard` : key, { count: appCount, closed });
    const lines = [openAtStart ? openAtStartLine(openAtStart, locale) : null, list, installed === null ? null : installedHere(installed, locale)];
    // Chinese sentences follow each other without a space.
    return lines.filter((line) => line !== null).join(locale === 'zh-CN' ? '' : ' ');
  },
  // The app's own enforcer sees every process it closes; the guard's is reported active only once its status says it closes this session's apps.
  verified: () => true,
};

/** Which apps of the list are installed on this machine, by name. */
function installedHere(installed: readonly ListedApp[], locale: Locale): string {
  if (installed.length === 0) return translate(appsMessages, locale, 'installed.none');
  return translate(appsMessages, locale, 'installed.some', { apps: appNamesList(installed.map((app) => app.names[locale]), locale) });
}

/** The one calm line about apps that were open when the session started: being closed, or left to the user a while. */
export function openAtStartLine({ apps, waitMs, closed }: AppsOpenAtStart, locale: Locale): string {
  const names = appNamesList(apps.map((app) => app.names[locale]), locale);
  if (closed || waitMs === 0) return translate(appsMessages, locale, 'open.closing', { apps: names });
  return translate(appsMessages, locale, 'open.waiting', { apps: names, count: apps.length, seconds: Math.round(waitMs / 1000) });
}

/** At most three names: "WeChat", "WeChat and Steam", "WeChat, Steam and QQ", "WeChat, Steam and 2 more". */
export function appNamesList(names: readonly string[], locale: Locale): string {
  const [first = '', second = '', third = ''] = names;
  if (names.length <= 1) return first;
  if (names.length === 2) return translate(appsMessages, locale, 'names.two', { first, second });
  if (names.length === 3) return translate(appsMessages, locale, 'names.three', { first, second, third });
  return translate(appsMessages, locale, 'names.more', { first, second, more: names.length - 2 });
}
