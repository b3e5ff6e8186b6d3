import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { NoteSummary } from '../../../../src-main/contract/notes';
import { useAppInfo } from '../../app/app-info';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { notepadMessages } from './notepad-messages';
import { useNotepadViewStore } from './notepad-view-store';
import { useNotesStore } from './notes-store';
import { copyTime } from './SyncCopyPanel';

/**
 * The sidebar: search over titles and text, the notes newest first, and the actions on the selected one.
 * Keyboard: ArrowDown from the search box enters the list; arrows move; Enter opens; F2 renames; Delete deletes.
 */
// No props: memo keeps the list out of the notepad's own re-renders; it follows the notes store alone.
export const NoteList = memo(function NoteList() {
  const t = useMessages(notepadMessages);
  const locale = useLocale();
  const info = useAppInfo();
  const notes = useNotesStore((store) => store.notes);
  const notesFolderOutside = useNotesStore((store) => store.notesFolderOutside);
  const query = useNotesStore((store) => store.query);
  const openName = useNotesStore((store) => store.open?.name ?? null);
  const revealUnavailable = useNotesStore((store) => store.revealUnavailable);
  const searchFocusRequest = useNotepadViewStore((store) => store.searchFocusRequest);
  const { setQuery, openNote, createNote, renameNote, deleteNote, revealNote, openSyncCopy } = useNotesStore.getState();
  const [selected, setSelected] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const items = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    if (searchFocusRequest > 0) search.current?.focus();
  }, [searchFocusRequest]);

  const current = selected && notes.some((note) => note.name === selected) ? selected : openName;
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  const focusItem = (name: string | undefined) => {
    if (!name) return;
    setSelected(name);
    items.current.get(name)?.focus();
  };

  const onItemKey = (event: KeyboardEvent, note: NoteSummary, index: number) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusItem(notes[index + 1]?.name);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) search.current?.focus();
      else focusItem(notes[index - 1]?.name);
    } else if (event.key === 'Home') {
      event.preventDefault();
      focusItem(notes[0]?.name);
    } else if (event.key === 'End') {
      event.preventDefault();
      focusItem(notes[notes.length - 1]?.name);
    } else if (event.key === 'F2') {
      event.preventDefault();
      setRenaming(note.name);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      setConfirmingDelete(note.name);
    }
  };

  const whyNotOpenable = (note: NoteSummary): string => {
    switch (note.status) {
      case 'not-text':
        return t('list.notText');
      case 'too-large':
        return t('list.tooLarge');
      case 'outside-link':
        return t('list.outsideLink');
      case 'bad-name':
        return t('list.badName', { reason: t(`name.${note.nameProblem ?? 'invisible-character'}`) });
      case 'not-downloaded':
        return t('list.notDownloaded');
      default:
        return t('list.unreadable');
    }
  };

  // A name the contract refuses cannot even be asked for, and a note iCloud has not downloaded is never read (which
  // would download it); the row says why instead.
  const openRow = (note: NoteSummary) => {
    if (note.status !== 'bad-name' && note.status !== 'not-downloaded') void openNote(note.name);
  };

  return (
    <aside className="note-list" aria-label={t('list.label')}>
      <div className="note-list-top">
        <input
          ref={search}
          type="search"
          className="note-search"
          aria-label={t('list.search')}
          placeholder={t('list.searchPlaceholder')}
          value={query}
          onChange={(event) => void setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              focusItem(notes[0]?.name);
            } else if (event.key === 'Enter' && notes[0]) {
              event.preventDefault();
              openRow(notes[0]);
            } else if (event.key === 'Escape' && query) {
              event.preventDefault();
              void setQuery('');
            }
          }}
        />
        <button type="button" className="primary" onClick={() => void createNote(t('note.untitled'))}>
          {t('action.new')}
        </button>
      </div>

      {notesFolderOutside ? (
        <p className="note-list-empty" role="status">
          {t('list.notesFolderOutside', { folder: info ? `${info.vaultDir}/Notes` : 'Notes' })}
        </p>
      ) : (
        notes.length === 0 && <p className="quiet note-list-empty">{query ? t('list.noMatch', { query }) : t('list.empty')}</p>
      )}
      <ul className="note-items">
        {notes.map((note, index) => {
          const openable = note.status === 'text';
          return (
            <li key={note.name} className={note.name === current ? 'note-row selected' : 'note-row'}>
              {renaming === note.name ? (
                <RenameField
                  title={note.title}
                  label={t('rename.label', { title: note.title })}
                  onDone={async (newTitle) => {
                    if (newTitle && newTitle !== note.title) await renameNote(note.name, newTitle);
                    setRenaming(null);
                  }}
                />
              ) : (
                <button
                  ref={(element) => {
                    if (element) items.current.set(note.name, element);
                    else items.current.delete(note.name);
                  }}
                  type="button"
                  className="note-item"
                  aria-current={note.name === openName ? 'true' : undefined}
                  tabIndex={note.name === current || (!current && index === 0) ? 0 : -1}
                  onFocus={() => setSelected(note.name)}
                  onClick={() => openRow(note)}
                  onKeyDown={(event) => onItemKey(event, note, index)}
                >
                  <span className="note-title">{note.title}</span>
                  <span className="note-meta quiet">{openable ? dates.format(note.modifiedAt) : whyNotOpenable(note)}</span>
                  {note.excerpt && <span className="note-excerpt quiet">{note.excerpt}</span>}
                  {note.syncCopies && <span className="note-meta">{t('list.syncCopies', { count: note.syncCopies.length })}</span>}
                </button>
              )}
              {note.syncCopies && (
                <ul className="note-sync-copies" aria-label={t('list.syncCopies', { count: note.syncCopies.length })}>
                  {note.syncCopies.map((copy) => {
                    const when = copyTime(copy, locale);
                    return (
                      <li key={copy.name}>
                        <button type="button" className="link-button" onClick={() => void openSyncCopy(copy.name)}>
                          {copy.device ? t('syncCopy.row', { device: copy.device, when }) : t('syncCopy.rowNoDevice', { when })}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              )}
              {/* Only under the open note: actions that followed focus would shift the rows under a click. */}
              {note.name === openName && renaming !== note.name && (
                <div className="note-actions">
                  <button type="button" onClick={() => setRenaming(note.name)} aria-keyshortcuts="F2">
                    {t('action.rename')}
                  </button>
                  <button type="button" onClick={() => setConfirmingDelete(note.name)} aria-keyshortcuts="Delete">
                    {t('action.delete')}
                  </button>
                  <button type="button" onClick={() => void revealNote(note.name)}>
                    {t('action.reveal')}
                  </button>
                </div>
              )}
              {confirmingDelete === note.name && (
                <div
                  className="note-confirm"
                  role="alertdialog"
                  aria-label={t('action.delete')}
                  onKeyDown={(event) => {
                    if (event.key !== 'Escape') return;
                    event.preventDefault();
                    setConfirmingDelete(null);
                    items.current.get(note.name)?.focus();
                  }}
                >
                  <p>{t('delete.confirm', { title: note.title })}</p>
                  <button
                    type="button"
                    className="danger"
                    autoFocus
                    onClick={async () => {
                      setConfirmingDelete(null);
                      await deleteNote(note.name);
                    }}
                  >
                    {t('delete.confirmButton')}
                  </button>
                  <button type="button" onClick={() => setConfirmingDelete(null)}>
                    {t('action.cancel')}
                  </button>
                </div>
              )}
              {revealUnavailable === note.name && (
                <p className="quiet note-hint" role="status">
                  {t('reveal.unavailable', { path: info ? `${info.vaultDir}/Notes/${note.name}` : note.name })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </aside>
  );
});

function RenameField({ title, label, onDone }: { title: string; label: string; onDone: (newTitle: string | null) => Promise<void> }) {
  const [value, setValue] = useState(title);
  return (
    <input
      type="text"
      className="note-rename"
      aria-label={label}
      value={value}
      maxLength={120}
      autoFocus
      onFocus={(event) => event.target.select()}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          void onDone(value.trim());
        } else if (event.key === 'Escape') {
          event.preventDefault();
          void onDone(null);
        }
      }}
      onBlur={() => void onDone(null)}
    />
  );
}
