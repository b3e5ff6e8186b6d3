import type { ProtectionStatus } from '../../../../src-main/contract/protection';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { viewOf } from './protection-views';
import { protectionsMessages } from './protections-messages';

/**
 * Each protection as it really is: on (and whether that was checked), turning on, not available (why, and what to do), or failed.
 * Its heading is a view's second level unless `heading` places it deeper, inside a part that has its own.
 */
export function ProtectionList({
  protections,
  afterEnd = false,
  heading: Heading = 'h2',
}: {
  protections: readonly ProtectionStatus[];
  afterEnd?: boolean;
  heading?: 'h2' | 'h4';
}) {
  const t = useMessages(protectionsMessages);
  const locale = useLocale();
  const describe = (status: ProtectionStatus): string => {
    switch (status.state) {
      case 'pending':
        return t('protection.pending');
      case 'failed':
        return t(afterEnd ? 'protection.failedOff' : 'protection.failed', { error: status.error });
      default:
        return viewOf(status).describe(status, locale);
    }
  };
  // Only a verified "on" gets the calm mark of an active protection; "on, not checked" is shown as a caution.
  const shownState = (status: ProtectionStatus) => (status.state === 'active' && !viewOf(status).verified(status) ? 'unchecked' : status.state);
  if (protections.length === 0) return afterEnd ? null : <p className="quiet protections-none">{t('protection.none')}</p>;
  return (
    <section className="protections" aria-label={t('protections.title')}>
      <Heading className="protections-title">{t('protections.title')}</Heading>
      <ul>
        {protections.map((status) => (
          <li key={status.id} className={`protection protection-${shownState(status)}`} data-protection={status.id} data-state={shownState(status)}>
            <span className="protection-name">{viewOf(status).name(locale)}</span>
            <span className="protection-status">{describe(status)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
