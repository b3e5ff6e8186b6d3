import type { BlockingState } from '../../../../../src-main/contract/blocking';
import { describeError } from '../../../app/i18n/error-messages';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { blockingMessages } from './blocking-messages';
import { useBlockingStore } from './blocking-store';
import { GuardInstallRoute } from './GuardInstallRoute';

/** The guard's honest status, what can be done about it, and a test of the block through the system resolver. */
export function GuardPanel({ state }: { state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const locale = useLocale();
  const run = useBlockingStore((store) => store.runGuard);
  const runTest = useBlockingStore((store) => store.testBlock);
  const busy = useBlockingStore((store) => store.guardBusy);
  const error = useBlockingStore((store) => store.error);
  const test = useBlockingStore((store) => store.test);
  const testError = useBlockingStore((store) => store.testError);
  const { guard, install } = state;

  const time = (at: number) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  const lines: string[] = [];
  if (guard.state === 'not-installed') lines.push(t('guard.not-installed'));
  if (guard.state === 'not-installed' && install.via === 'none' && install.reason !== 'runtime-not-root-owned') lines.push(t(`guard.not-installed.${install.reason}`));
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

  const prompt = install.via === 'prompt';
  const canInstall = prompt && guard.state === 'not-installed';
  const canRepair = prompt && (guard.state === 'not-running' || guard.state === 'version-mismatch');
  const canUninstall = prompt && guard.state !== 'not-installed';

  return (
    <div className="blocking-part" role="group" aria-labelledby="blocking-guard">
      <h3 id="blocking-guard">{t('guard.title')}</h3>
      <p className="quiet measure">{t('guard.explain')}</p>
      <div className={`guard-status guard-${guard.state}`} role="status" data-testid="guard-status">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <GuardInstallRoute install={install} guard={guard} />
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
      {error && (
        <p className="field-error" role="alert">
          {describeError(error, locale)}
        </p>
      )}
      <div aria-live="polite" data-testid="test-result">
        {!test && !testError && <p className="quiet">{t('test.explain')}</p>}
        {testError && <p className="field-error">{describeError(testError, locale)}</p>}
        {test && (
          <p>
            {t(`test.${test.outcome}`, {
              hostname: test.hostname,
              addresses: test.addresses.join(', '),
              error: test.error ?? '',
            })}
          </p>
        )}
      </div>
    </div>
  );
}
