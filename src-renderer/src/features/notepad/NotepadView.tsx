import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { useCommands, type Command } from '../../app/commands/command-registry';
import { useNavigation } from '../../app/navigation';
import { ViewTitle } from '../../ui/ViewTitle';
import { minutesLeft, nextMinuteChange, useClockUntil, useSessionStore } from '../session';
import { useSettingsStore } from '../../app/settings-store';
import { ConflictPanel } from './ConflictPanel';
import { stillroomEditor } from './editor';
import { MathEditor, type MathEditorHandle } from './editor/MathEditor';
import { warmUpEditorOnce } from './editor/warm-up';
import { NoteList } from './NoteList';
import { notepadMessages } from './notepad-messages';
import { MathNoticeLine } from './MathNoticeLine';
import { mathMessages } from './math-messages';
import { useMathStore } from './math-store';
import { PreamblePanel } from './PreamblePanel';
import { SnippetsPanel } from './SnippetsPanel';
import { exportNote, useMathCommands } from './use-math-commands';
import { useNotepadViewStore } from './notepad-view-store';
import { useNotesStore } from './notes-store';
import { RecoveryOffer } from './RecoveryOffer';
import { SyncCopyPanel } from './SyncCopyPanel';
import './notepad.css';

// The stores' actions never change identity (they read state through `get`), so effects can depend on none.
const actions = useNotesStore.getState();
const layout = useNotepadViewStore.getState();

export function NotepadView() {
  const t = useMessages(notepadMessages);
  const locale = useLocale();
  // Not the save status: it changes while typing, and only the status line shows it (NoteStatusLine).
  // The name, not `open`: each save replaces `open` (its new base version) and must not re-render the view.
  const openName = useNotesStore((store) => store.open?.name ?? null);
  const docKey = useNotesStore((store) => store.docKey);
  const conflict = useNotesStore((store) => store.conflict);
  const syncCopy = useNotesStore((store) => store.syncCopy);
  const error = useNotesStore((store) => store.error);
  const fullScreen = useNotepadViewStore((store) => store.fullScreen);
  const sourceMode = useNotepadViewStore((store) => store.sourceMode);
  const editorPrefs = useSettingsStore((store) => store.state?.settings.editor);
  const setChromeHidden = useNavigation((store) => store.setChromeHidden);
  const editor = useRef<MathEditorHandle>(null);
  const prefs = useMemo(() => (editorPrefs ? { ...editorPrefs, sourceMode } : null), [editorPrefs, sourceMode]);
  const preamble = useMathStore((store) => store.preamble);
  const editingPreamble = useMathStore((store) => store.editingPreamble);
  const editingSnippets = useMathStore((store) => store.editingSnippets);
  const snippets = useMathStore((store) => store.snippets);
  const [inFormula, setInFormula] = useState(false);
  const editorView = useCallback(() => editor.current?.view() ?? null, []);
  useMathCommands(editorView, openName, inFormula);

  // The notes and the preamble are followed from boot (followNotes, followMath); the list is read again on arrival.
  useEffect(() => {
    void actions.refresh();
  }, []);

  // While the list is read, the editor's code, KaTeX's styles and its fonts are warmed up once, so the first note
  // with formulas opens about as fast as the later ones (editor/warm-up.ts).
  useEffect(() => {
    if (prefs) warmUpEditorOnce(() => stillroomEditor({ prefs, locale, preamble }));
  }, [prefs, locale, preamble]);

  // The editor lends the store its text; when this view goes away the text is kept and saved at once.
  useEffect(() => {
    const handle = editor.current;
    if (!handle) return;
    actions.attachEditor(handle);
    return () => actions.detachEditor(handle);
  }, [openName, docKey]);

  // Full-screen writing hides the app's chrome and, where the window allows it, fills the screen.
  useEffect(() => {
    setChromeHidden(fullScreen);
    if (fullScreen) {
      void document.documentElement.requestFullscreen?.().then(lockEscape).catch(() => undefined);
      editor.current?.focus();
    } else if (document.fullscreenElement) {
      keyboardLock()?.unlock();
      void document.exitFullscreen().catch(() => undefined);
    }
  }, [fullScreen, setChromeHidden]);
  useEffect(() => () => setChromeHidden(false), [setChromeHidden]);
  useEffect(() => {
    if (!fullScreen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) layout.setFullScreen(false);
    };
    // Leaving the browser's own full screen (its Esc) leaves the writing mode too.
    const onFullscreenChange = () => {
      if (!document.fullscreenElement) layout.setFullScreen(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, [fullScreen]);

  // New note and Search notes are app-wide (notepad-commands.ts); these act on the view itself.
  const commands = useMemo<Command[]>(
    () => [
      { id: 'notepad.fullscreen', title: t('command.fullscreen'), shortcut: 'Mod+Shift+Enter', run: () => layout.setFullScreen(!useNotepadViewStore.getState().fullScreen) },
      {
        id: 'notepad.source',
        // Mod-/ toggles it inside the editor; the palette entry reaches it from anywhere in the view.
        title: t(sourceMode ? 'command.renderedMode' : 'command.sourceMode'),
        run: () => layout.toggleSourceMode(),
      },
    ],
    [t, sourceMode],
  );
  useCommands(commands);

  const title = openName ? openName.slice(0, -3) : '';
  return (
    <div className={fullScreen ? 'view notepad-view full-screen' : 'view notepad-view'}>
      {!fullScreen && <NoteList />}
      <div className="notepad-main">
        <ViewTitle>{fullScreen ? title || t('title') : t('title')}</ViewTitle>
        {fullScreen && <SessionLine />}
        {!fullScreen && <RecoveryOffer />}
        {error && (
          <p className="notepad-error" role="alert">
            {describeError(error, locale)}{' '}
            <button type="button" onClick={() => actions.clearError()}>
              ×
            </button>
          </p>
        )}
        {editingPreamble && !fullScreen && <PreamblePanel />}
        {editingSnippets && !fullScreen && <SnippetsPanel />}
        {conflict && openName && <ConflictPanel conflict={conflict} title={title} mine={actions.currentText} />}
        {syncCopy && !fullScreen && <SyncCopyPanel shown={syncCopy} />}
        {openName && prefs ? (
          <div className="notepad-editor">
            <MathEditor
              // Keyed by the text shown, not the name: a note named after its title keeps its editor, cursor and history.
              key={docKey}
              ref={editor}
              // Read, not selected: the editor takes `doc` at mount only (a new text comes with a new docKey), so a
              // save storing the saved text re-renders nothing.
              doc={useNotesStore.getState().text}
              onDocChange={(doc) => actions.edited(doc)}
              onBlur={() => void actions.saveNow()}
              onSourceModeChange={(on) => layout.setSourceMode(on)}
              onInFormulaChange={setInFormula}
              preamble={preamble}
              snippets={snippets ?? undefined}
              prefs={prefs}
              locale={locale}
              ariaLabel={t('editor.label')}
            />
          </div>
        ) : (
          <p className="quiet notepad-empty">{t('editor.none')}</p>
        )}
        {openName && (
          <NoteStatusLine name={openName} title={title} fullScreen={fullScreen} getDoc={() => editor.current?.getDoc() ?? ''} />
        )}
        {openName && <MathNoticeLine />}
      </div>
    </div>
  );
}

/** The open note's title and save status, with its two actions: its own component, as the status changes while typing. */
function NoteStatusLine({ name, title, fullScreen, getDoc }: { name: string; title: string; fullScreen: boolean; getDoc: () => string }) {
  const t = useMessages(notepadMessages);
  const tm = useMessages(mathMessages);
  const locale = useLocale();
  const status = useNotesStore((store) => store.status);
  const error = useNotesStore((store) => store.saveError);
  const deletedElsewhere = useNotesStore((store) => store.deletedElsewhere);
  const editingPreamble = useMathStore((store) => store.editingPreamble);
  const editingSnippets = useMathStore((store) => store.editingSnippets);
  return (
    <p className={status === 'failed' ? 'notepad-status failed' : 'notepad-status quiet'} role="status" aria-live="polite">
      {!fullScreen && <span className="notepad-status-title">{title}</span>}
      <span className="notepad-status-state">
        {status === 'failed' && error
          ? t('status.failed', { reason: String(error.params?.reason ?? describeError(error, locale)) })
          : deletedElsewhere
            ? t('status.deletedElsewhere')
            : t(`status.${status}`)}
      </span>
      {fullScreen && (
        <button type="button" className="link-button" onClick={() => layout.setFullScreen(false)}>
          {t('fullscreen.leave')}
        </button>
      )}
      {!fullScreen && (
        <span className="notepad-math-actions">
          <button type="button" className="link-button" onClick={() => useMathStore.getState().setEditingPreamble(!editingPreamble)}>
            {tm('preamble.open')}
          </button>
          <button type="button" className="link-button" onClick={() => useMathStore.getState().setEditingSnippets(!editingSnippets)}>
            {tm('snippets.open')}
          </button>
          <button type="button" className="link-button" onClick={() => void exportNote(name, getDoc(), 'html', locale, tm('export.references'))}>
            {tm('export.html')}
          </button>
        </span>
      )}
    </p>
  );
}

/** In full-screen writing during a session: the intent in the writer's own words and the minutes left. */
function SessionLine() {
  const t = useMessages(notepadMessages);
  const state = useSessionStore((store) => store.state);
  const session = state?.phase === 'running' ? state.session : null;
  // A quiet line: it wakes only when the shown minute changes.
  const endsAt = session?.endsAt ?? null;
  const nextChange = useMemo(() => (endsAt === null ? null : (now: number) => nextMinuteChange(endsAt, now)), [endsAt]);
  const now = useClockUntil(nextChange);
  if (!session) return null;
  const minutes = minutesLeft(session.endsAt, now);
  return (
    <p className="session-line quiet">
      {session.intent && <span className="session-intent">{session.intent}</span>}
      <span>{minutes > 1 ? t('session.remaining', { minutes }) : t('session.remainingLast')}</span>
    </p>
  );
}

/** The Keyboard Lock API (Chromium, Electron), not yet in TypeScript's DOM library. */
type KeyboardLock = { lock(keys: string[]): Promise<void>; unlock(): void };
const keyboardLock = (): KeyboardLock | undefined => (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;

/**
 * Chromium (and so Electron) leaves an element's full screen on Esc before the page sees the key. With Escape locked,
 * the key reaches the page first: an Esc the editor uses (Vim leaving insert mode, closing completion) keeps the
 * writing full screen, any other Esc leaves it through the view's own handler, and holding Esc still leaves.
 */
function lockEscape(): void {
  void keyboardLock()?.lock(['Escape']).catch(() => undefined);
}
