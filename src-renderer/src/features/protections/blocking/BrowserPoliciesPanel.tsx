import type { BlockingState, BrowserCoverage } from '../../../../../src-main/contract/blocking';
import { useMessages } from '../../../app/i18n/messages';
import { blockingMessages, browserNames } from './blocking-messages';
import { useBlockingStore } from './blocking-store';

/**
 * The switch for browser policies, what it costs (the "managed" label), and which browsers the guard says it
 * covers. Nothing here claims a browser is covered unless the guard's own report says so.
 */
export function BrowserPoliciesPanel({ state }: { state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const setBrowserPolicies = useBlockingStore((store) => store.setBrowserPolicies);
  return (
    <div className="blocking-part" aria-labelledby="blocking-policies">
      <h3 id="blocking-policies">{t('policies.title')}</h3>
      <label className="choice">
        <input type="checkbox" role="switch" checked={state.browserPolicies} onChange={(event) => void setBrowserPolicies(event.target.checked)} />
        <span>{t('policies.switch')}</span>
      </label>
      <p className="quiet measure">{t('policies.explain')}</p>
      <p className="measure" data-testid="policies-consequence">
        {state.browserPolicies ? t('policies.consequence') : t('policies.off')}
      </p>
      {state.browserPolicies && <BrowserList state={state} />}
    </div>
  );
}

function BrowserList({ state }: { state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const { guard } = state;
  const lines =
    guard.state !== 'running'
      ? [t('browsers.unknown')]
      : guard.browsers === undefined
        ? [t('browsers.unreported')]
        : guard.browsers.length === 0
          ? [t('browsers.none')]
          : guard.browsers.map((browser) => t(...coverageLine(browser, guard.lease !== null)));
  return (
    <div aria-labelledby="blocking-browsers">
      <h4 id="blocking-browsers">{t('browsers.title')}</h4>
      <ul className="browser-list" data-testid="browser-coverage">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="quiet measure">{t('browsers.other')}</p>
    </div>
  );
}

type CoverageKey = 'browsers.active' | 'browsers.ready' | 'browsers.not-covered' | 'browsers.problem' | 'browsers.absent';

/** One browser as the guard reported it: in force now, ready for the next lease, failed (and why), or absent. */
function coverageLine(browser: BrowserCoverage, leased: boolean): [CoverageKey, Record<string, string>] {
  const name = browserNames[browser.id];
  if (browser.problem !== null) return ['browsers.problem', { name, problem: browser.problem }];
  if (!browser.installed) return ['browsers.absent', { name }];
  if (browser.policyActive) return ['browsers.active', { name }];
  return [leased ? 'browsers.not-covered' : 'browsers.ready', { name }];
}
