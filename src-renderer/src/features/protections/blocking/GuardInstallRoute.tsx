import { useState } from 'react';
import type { GuardInstallSupport, GuardStatus } from '../../../../../src-main/contract/blocking';
import { useMessages } from '../../../app/i18n/messages';
import { blockingMessages } from './blocking-messages';

/**
 * Says how the guard is installed on this machine: the system's admin prompt behind the buttons, or, where none can be
 * shown, the command to run in a terminal (which does exactly what Install would). The status above only says
 * "installed" once the guard itself answers; core asks it every few seconds, so running the command is enough.
 */
export function GuardInstallRoute({ install, guard }: { install: GuardInstallSupport; guard: GuardStatus }) {
  const t = useMessages(blockingMessages);
  if (install.via === 'prompt') return <p className="quiet measure">{t('install.prompt')}</p>;
  if (install.via === 'none') {
    if (install.reason !== 'runtime-not-root-owned') return null;
    return <p className="measure" data-testid="guard-route">{t('install.none.runtime-not-root-owned', { runtime: install.runtime ?? '' })}</p>;
  }
  const commands: { label: string; command: string }[] = [];
  if (guard.state === 'not-installed') commands.push({ label: t('install.terminal.install'), command: install.install });
  if (guard.state === 'not-running' || guard.state === 'version-mismatch') commands.push({ label: t('install.terminal.repair'), command: install.install });
  if (guard.state !== 'not-installed') commands.push({ label: t('install.terminal.uninstall'), command: install.uninstall });
  return (
    <div className="guard-route measure" data-testid="guard-route">
      <p>{t(`install.terminal.${install.reason}`)}</p>
      {commands.map(({ label, command }) => (
        <TerminalCommand key={label} label={label} command={command} />
      ))}
      <p className="quiet">{t('install.terminal.verify')}</p>
    </div>
  );
}

function TerminalCommand({ label, command }: { label: string; command: string }) {
  const t = useMessages(blockingMessages);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const copy = () => navigator.clipboard.writeText(command).then(() => setCopied('copied'), () => setCopied('failed'));
  return (
    <div className="guard-command">
      <p>{label}</p>
      <pre>
        <code data-testid="guard-command">{command}</code>
      </pre>
      <button type="button" onClick={() => void copy()}>
        {t('install.copy')}
      </button>
      {copied && (
        <span className="quiet" role="status">
          {t(copied === 'copied' ? 'install.copied' : 'install.copy-failed')}
        </span>
      )}
    </div>
  );
}
