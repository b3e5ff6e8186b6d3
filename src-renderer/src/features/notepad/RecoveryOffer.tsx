import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { notepadMessages } from './notepad-messages';
import { useNotesStore } from './notes-store';

/** Text that never reached its note (a crash, a full disk) is offered once, with a choice for each. */
export function RecoveryOffer() {
  const t = useMessages(notepadMessages);
  const locale = useLocale();
  const recoveries = useNotesStore((store) => store.recoveries);
  const { restoreRecovery, discardRecovery } = useNotesStore.getState();
  if (recoveries.length === 0) return null;
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="recovery notice-block" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('recovery.title')}</h2>
      <ul>
        {recoveries.map((item) => (
          <li key={item.name}>
            <p>{t('recovery.item', { title: item.name.slice(0, -3), when: dates.format(item.savedAt) })}</p>
            {item.excerpt && <p className="quiet recovery-excerpt">{item.excerpt}</p>}
            {!item.fileExists ? (
              <p className="quiet">{t('recovery.missing')}</p>
            ) : (
              item.fileChangedSince && <p className="quiet">{t('recovery.changedSince')}</p>
            )}
            <div className="recovery-actions">
              <button
                type="button"
                className={item.fileChangedSince && item.fileExists ? undefined : 'primary'}
                onClick={() => void restoreRecovery(item.name, 'replace')}
              >
                {t('recovery.restore')}
              </button>
              <button
                type="button"
                className={item.fileChangedSince && item.fileExists ? 'primary' : undefined}
                onClick={() => void restoreRecovery(item.name, 'copy')}
              >
                {t('recovery.copy')}
              </button>
              <button type="button" onClick={() => void discardRecovery(item.name)}>
                {t('recovery.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
