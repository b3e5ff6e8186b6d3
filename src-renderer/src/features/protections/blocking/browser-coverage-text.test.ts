import { describe, expect, it } from 'vitest';
import type { BrowserCoverage, GuardStatus } from '../../../../../src-main/contract/blocking';
import { browserCoverageLines } from './browser-coverage-text';

const running = (browsers: BrowserCoverage[], leased: boolean): GuardStatus => ({
  state: 'running',
  version: '1.0.0',
  lease: leased ? { sessionId: 's', endsAt: 1, locked: false, applied: true, hostnameCount: 3 } : null,
  browsers,
});
const browser = (over: Partial<BrowserCoverage>): BrowserCoverage => ({ id: 'chrome', installed: true, policyActive: false, problem: null, ...over });

describe('browserCoverageLines', () => {
  it('says no browser is covered unless the guard reported one', () => {
    expect(browserCoverageLines({ state: 'not-installed' }, 'en')).toEqual({ unknown: expect.stringContaining('None are counted as covered') });
    expect(browserCoverageLines(running([], false), 'zh-CN')).toEqual({ unknown: '守护进程在本机没有找到可以覆盖的浏览器。' });
  });

  it('says, per browser, what the guard reported: in force, ready, not covered during a lease, failed, absent', () => {
    const browsers = [
      browser({ id: 'chrome', policyActive: true }),
      browser({ id: 'edge' }),
      browser({ id: 'firefox', problem: 'EACCES: /etc/firefox/policies' }),
      browser({ id: 'brave', installed: false }),
    ];
    expect(browserCoverageLines(running(browsers, true), 'en')).toEqual({
      browsers: [
        'Google Chrome: covered now.',
        'Microsoft Edge: installed, but not covered now.',
        'Firefox: not covered (EACCES: /etc/firefox/policies).',
        'Brave: not installed.',
      ],
    });
    expect(browserCoverageLines(running([browser({ id: 'chromium' })], false), 'zh-CN')).toEqual({ browsers: ['Chromium：已安装；专注开始后覆盖。'] });
  });
});
