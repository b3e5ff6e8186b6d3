import { useState } from 'react';
import type { BlockTestResult, BlockingState } from '../../../../../src-main/contract/blocking';
import { api } from '../../../app/api';
import { describeError } from '../../../app/i18n/error-messages';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { blockingMessages } from './blocking-messages';
import { useBlockingStore } from './blocking-store';

type GuardAction = 'guardInstall' | 'guardRepair' | 'guardUninstall';

/** The guard's honest status, what can be done about it, and a test of the block through the system resolver. */
export function GuardPanel({ state }: { state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const locale = useLocale();
  const apply = useBlockingStore((store) => store.apply);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [test, setTest] = useState<{ result: BlockTestResult } | { error: string } | null>(null);
  const { guard, install } = state;

  const run = async (action: GuardAction) => {
    setBusy(true);
    setActionError(null);
    const result = await apply(api().blocking[action]());
    setBusy(false);
    if (!result.ok) setActionError(describeError(result.error, locale));
  };

  const runTest = async () => {
    const result = await api().blocking.testBlock({});
    setTest(result.ok ? { result: result.value } : { error: describeError(result.error, locale) });
  };

  const time = (at: number) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  const lines: string[] = [];
  if (guard.state === 'not-installed') lines.push(t('guard.not-installed'));
  if (guard.state === 'not-installed' && !install.available) lines.push(t('guard.not-installed.preview'));
  if (guard.state === 'not-running') lines.push(t('guard.not-running'));
  if (guard.state === 'version-mismatch') lines.push(t('guard.version-mismatch', { guardVersion: guard.guardVersion, appVersion: guard.appVersion }));
  if (guard.state === 'running') {
    lines.push(t('guard.running', { version: guard.version }));
    if (guard.lease) {
      lines.push(t('guard.lease', { count: guard.lease.hostnameCount, time: time(guard.lease.endsAt) }));
      if (guard.lease.locked) lines.push(t('guard.lease.locked'));
      if (!guard.lease.applied) lines.push(t('guard.lease.pending'));
    }
  }

  const canInstall = install.available && guard.state === 'not-installed';
  const canRepair = install.available && (guard.state === 'not-running' || guard.state === 'version-mismatch');
  const canUninstall = install.available && guard.state !== 'not-installed';

  return (
    <div className="blocking-part" aria-labelledby="blocking-guard">
      <h3 id="blocking-guard">{t('guard.title')}</h3>
      <p className="quiet measure">{t('guard.explain')}</p>
      <div className={`guard-status guard-${guard.state}`} role="status" data-testid="guard-status">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <div className="button-row">
        {canInstall && (
          <button type="button" className="primary" disabled={busy} onClick={() => void run('guardInstall')}>
            {t('guard.install')}
          </button>
        )}
        {canRepair && (
          <button type="button" className="primary" disabled={busy} onClick={() => void run('guardRepair')}>
            {t('guard.repair')}
          </button>
        )}
        {canUninstall && (
          <button type="button" disabled={busy} onClick={() => void run('guardUninstall')}>
            {t('guard.uninstall')}
          </button>
        )}
        <button type="button" onClick={() => void runTest()}>
          {t('test.run')}
        </button>
      </div>
      {busy && <p className="quiet">{t('guard.working')}</p>}
      {actionError && (
        <p className="field-error" role="alert">
          {actionError}
        </p>
      )}
      <div aria-live="polite" data-testid="test-result">
        {!test && <p className="quiet">{t('test.explain')}</p>}
        {test && 'error' in test && <p className="field-error">{test.error}</p>}
        {test && 'result' in test && (
          <p>
            {t(`test.${test.result.outcome}`, {
              hostname: test.result.hostname,
              addresses: test.result.addresses.join(', '),
              error: test.result.error ?? '',
            })}
          </p>
        )}
      </div>
    </div>
  );
}
