import { NOTE_TITLE_MAX_CHARS } from '../../../../src-main/contract/notes';
import { useNavigation } from '../../app/navigation';
import { useNotepadViewStore } from './notepad-view-store';
import { useNotesStore } from './notes-store';

/** The start form's "Write in" choice as it starts a session: no note, a new one, or one of the vault's by name. */
export type SessionWriting = { kind: 'none' } | { kind: 'new'; untitled: string } | { kind: 'note'; name: string };

/**
 * Opens the session's note in full-screen writing, where the session line shows the intent at the top. A new note
 * is titled with the intent (the vault makes the name unique and safe), or "Untitled" when there is none.
 */
export async function openSessionWriting(writing: SessionWriting, intent: string): Promise<void> {
  if (writing.kind === 'none') return;
  const notes = useNotesStore.getState();
  useNavigation.getState().go('notepad');
  if (writing.kind === 'new') {
    // Refused (a full disk, no Notes folder): the notepad shows why beside its list, so it stays out of full screen.
    if (!(await notes.createNote(intent.trim().slice(0, NOTE_TITLE_MAX_CHARS).trim() || writing.untitled))) return;
  } else if (!(await notes.openNote(writing.name))) return;
  useNotepadViewStore.getState().setFullScreen(true);
}
