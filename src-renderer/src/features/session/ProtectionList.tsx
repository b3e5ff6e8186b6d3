import type { ProtectionStatus } from '../../../../src-main/contract/protection';
import { useMessages } from '../../app/i18n/messages';
import { blockingDetail, blockingMessages } from '../settings/blocking/blocking-messages';
import { sessionMessages, type SessionMessageKey } from './session-messages';

const knownReasons = new Set<string>(['guard-not-installed', 'guard-not-running', 'guard-refused', 'blocklist-empty', 'blocklist-too-large']);

/** Each protection as it really is: on, turning on, not available (why, and what to do), or failed (the error). */
export function ProtectionList({ protections, afterEnd = false }: { protections: readonly ProtectionStatus[]; afterEnd?: boolean }) {
  const t = useMessages(sessionMessages);
  const tb = useMessages(blockingMessages);
  const describe = (status: ProtectionStatus): string => {
    switch (status.state) {
      case 'pending':
        return t('protection.pending');
      case 'active': {
        // Blocking may be on and still undermined: a local web server answers for blocked sites.
        const detail = status.id === 'blocking' ? blockingDetail(status.detail) : null;
        return detail ? t('protection.activeWithDetail', { detail: tb(detail.key, detail.params) }) : t('protection.active');
      }
      case 'failed':
        return t(afterEnd ? 'protection.failedOff' : 'protection.failed', { error: status.error });
      case 'unavailable':
        return knownReasons.has(status.reason)
          ? t(`protection.${status.reason}` as SessionMessageKey, { code: '', count: '', limit: '', ...status.params })
          : t('protection.unavailable', { reason: status.reason });
    }
  };
  if (protections.length === 0) return afterEnd ? null : <p className="quiet protections-none">{t('protection.none')}</p>;
  return (
    <section className="protections" aria-label={t('protections.title')}>
      <h2 className="protections-title">{t('protections.title')}</h2>
      <ul>
        {protections.map((status) => (
          <li key={status.id} className={`protection protection-${status.state}`} data-protection={status.id}>
            <span className="protection-name">{t(`protection.${status.id}`)}</span>
            <span className="protection-status">{describe(status)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
