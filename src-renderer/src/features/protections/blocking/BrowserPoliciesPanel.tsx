import type { BlockingState } from '../../../../../src-main/contract/blocking';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { blockingMessages } from './blocking-messages';
import { browserCoverageLines } from './browser-coverage-text';
import { useBlockingStore } from './blocking-store';

/**
 * The switch for browser policies, what it costs (the "managed" label), and which browsers the guard says it
 * covers. Nothing here claims a browser is covered unless the guard's own report says so.
 */
export function BrowserPoliciesPanel({ state }: { state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const setBrowserPolicies = useBlockingStore((store) => store.setBrowserPolicies);
  return (
    <div className="blocking-part" role="group" aria-labelledby="blocking-policies">
      <h3 id="blocking-policies">{t('policies.title')}</h3>
      <label className="choice">
        <input type="checkbox" role="switch" checked={state.browserPolicies} onChange={(event) => void setBrowserPolicies(event.target.checked)} />
        <span>{t('policies.switch')}</span>
      </label>
      <p className="quiet measure">{t('policies.explain')}</p>
      <p className="measure" data-testid="policies-consequence">
        {state.browserPolicies ? t('policies.consequence') : t('policies.off')}
      </p>
      {state.browserPolicies && (
        <p className="quiet measure" data-testid="policies-reach">
          {t('policies.reach')}
        </p>
      )}
      {state.browserPolicies && <BrowserList state={state} />}
    </div>
  );
}

function BrowserList({ state }: { state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const coverage = browserCoverageLines(state.guard, useLocale());
  return (
    <div role="group" aria-labelledby="blocking-browsers">
      <h4 id="blocking-browsers">{t('browsers.title')}</h4>
      {'unknown' in coverage ? (
        <p data-testid="browser-coverage">{coverage.unknown}</p>
      ) : (
        <ul className="browser-list" data-testid="browser-coverage">
          {coverage.browsers.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <p className="quiet measure">{t('browsers.other')}</p>
    </div>
  );
}
