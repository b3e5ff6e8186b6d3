import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { SyncCopy } from '../../../../src-main/contract/notes';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { notepadMessages } from './notepad-messages';
import { useNotesStore } from './notes-store';
import { keptCopyTitle, type OpenSyncCopy } from './notes/sync-copies';

const ENGINE_NAMES: Record<SyncCopy['engine'], string> = { syncthing: 'Syncthing', nextcloud: 'Nextcloud', dropbox: 'Dropbox' };

/** The copying machine's wall clock as its name gives it (zone unknown), shown as written: formatted as UTC, not converted. */
export function copyTime(copy: Pick<SyncCopy, 'date' | 'time'>, locale: string): string {
  const [year, month, day] = copy.date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = (copy.time ?? '00:00:00').split(':').map(Number) as [number, number, number];
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(copy.time ? { timeStyle: 'short' } : {}), timeZone: 'UTC' });
  return format.format(Date.UTC(year, month - 1, day, hour, minute, second));
}

/**
 * A conflict copy beside its note: both texts side by side with the differences marked (CodeMirror's merge view,
 * read-only), and three ways out; main writes the note before it removes the copy.
 */
export function SyncCopyPanel({ shown }: { shown: OpenSyncCopy }) {
  const t = useMessages(notepadMessages);
  const locale = useLocale();
  const { resolveSyncCopy, closeSyncCopy } = useNotesStore.getState();
  const host = useRef<HTMLDivElement>(null);
  const { copy, note, copyText } = shown;
  const title = (note?.name ?? copy.name).slice(0, -3);

  useEffect(() => {
    if (!host.current) return;
    const readOnly = [EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping];
    const view = new MergeView({
      a: { doc: note?.content ?? '', extensions: [...readOnly, EditorView.contentAttributes.of({ 'aria-label': t('syncCopy.note') })] },
      b: { doc: copyText, extensions: [...readOnly, EditorView.contentAttributes.of({ 'aria-label': t('syncCopy.copy') })] },
      parent: host.current,
      highlightChanges: true,
      gutter: true,
    });
    return () => view.destroy();
  }, [note, copyText, t]);

  const when = copyTime(copy, locale);
  const from = copy.device ? t('syncCopy.row', { device: copy.device, when }) : t('syncCopy.rowNoDevice', { when });
  const copyTitle = keptCopyTitle(title, (cut) =>
    copy.device ? t('syncCopy.copyTitle', { title: cut, device: copy.device, date: copy.date }) : t('syncCopy.copyTitleNoDevice', { title: cut, date: copy.date }),
  );
  return (
    <section className="sync-copy" aria-labelledby="sync-copy-title">
      <h2 id="sync-copy-title">{t('syncCopy.title', { title })}</h2>
      <p className="quiet">{t('syncCopy.explain', { engine: ENGINE_NAMES[copy.engine] })}</p>
      {copy.device && <p className="quiet sync-copy-device">{t('syncCopy.device', { device: copy.device })}</p>}
      <div className="sync-copy-captions" aria-hidden="true">
        <span>
          {t('syncCopy.note')}
          {note ? '' : ` ${t('syncCopy.noteGone')}`}
        </span>
        <span>{from}</span>
      </div>
      <div className="sync-copy-merge" ref={host} />
      <div className="conflict-actions">
        <button type="button" className="primary" onClick={() => void resolveSyncCopy('note')} disabled={!note}>
          {t('syncCopy.keepNote')}
        </button>
        <button type="button" onClick={() => void resolveSyncCopy('copy')}>
          {t('syncCopy.keepCopy')}
        </button>
        <button type="button" onClick={() => void resolveSyncCopy('both', copyTitle)}>
          {t('syncCopy.keepBoth')}
        </button>
        <button type="button" onClick={() => closeSyncCopy()}>
          {t('syncCopy.close')}
        </button>
      </div>
    </section>
  );
}
