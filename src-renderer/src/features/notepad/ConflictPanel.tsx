import { useMessages } from '../../app/i18n/messages';
import { notepadMessages } from './notepad-messages';
import type { Conflict } from './notes/notes-state';
import { useNotesStore } from './notes-store';

/**
 * Both texts side by side and three ways out; nothing is overwritten until the user picks one. It takes no
 * focus: it may appear mid-sentence, and a Space typed into a focused button would choose for the writer.
 */
export function ConflictPanel({ conflict, title, mine }: { conflict: Conflict; title: string; mine: () => string }) {
  const t = useMessages(notepadMessages);
  const { keepMine, takeTheirs, keepBoth } = useNotesStore.getState();
  return (
    <section className="conflict" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-explain">
      <h2 id="conflict-title">{t(conflict.theirs ? 'conflict.title' : 'conflict.deletedTitle')}</h2>
      <p id="conflict-explain" className="quiet">
        {t('conflict.explain')}
      </p>
      <div className="conflict-texts">
        <figure>
          <figcaption>{t('conflict.mine')}</figcaption>
          <pre tabIndex={0} role="region" aria-label={t('conflict.mine')}>
            {mine()}
          </pre>
        </figure>
        <figure>
          <figcaption>{t('conflict.theirs')}</figcaption>
          <pre tabIndex={0} role="region" aria-label={t('conflict.theirs')}>
            {conflict.theirs ? conflict.theirs.content : t('conflict.deleted')}
          </pre>
        </figure>
      </div>
      <div className="conflict-actions">
        <button type="button" className="primary" onClick={() => void keepMine()}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" onClick={() => void takeTheirs()}>
          {t('conflict.takeTheirs')}
        </button>
        {conflict.theirs && (
          <button type="button" onClick={() => void keepBoth(t('conflict.copyTitle', { title }))}>
            {t('conflict.keepBoth')}
          </button>
        )}
      </div>
    </section>
  );
}
