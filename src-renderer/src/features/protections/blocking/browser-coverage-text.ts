import type { BrowserCoverage, GuardStatus } from '../../../../../src-main/contract/blocking';
import type { Locale } from '../../../app/i18n/locale';
import { translate } from '../../../app/i18n/messages';
import { blockingMessages, browserNames } from './blocking-messages';

type Translate = (key: keyof (typeof blockingMessages)['en'], params?: Record<string, string>) => string;

/**
 * What Settings says about the browsers, from the guard's own report only: one line a browser (in force now, ready
 * for the next session, failed and why, or not installed), or, without a report, one line saying why there is none.
 */
export function browserCoverageLines(guard: GuardStatus, locale: Locale): { browsers: string[] } | { unknown: string } {
  const t: Translate = (key, params) => translate(blockingMessages, locale, key, params);
  if (guard.state !== 'running') return { unknown: t('browsers.unknown') };
  if (guard.browsers.length === 0) return { unknown: t('browsers.none') };
  const leased = guard.lease !== null;
  return { browsers: guard.browsers.map((browser) => line(browser, leased, t)) };
}

function line(browser: BrowserCoverage, leased: boolean, t: Translate): string {
  const name = browserNames[browser.id];
  if (browser.problem !== null) return t('browsers.problem', { name, problem: browser.problem });
  if (!browser.installed) return t('browsers.absent', { name });
  if (browser.policyActive) return t('browsers.active', { name });
  return t(leased ? 'browsers.not-covered' : 'browsers.ready', { name });
}
