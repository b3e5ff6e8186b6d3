/**
 * The notepad's public surface: other features and app/ import it from here only. The view is loaded lazily by the
 * composition root (app/views.ts; it brings the editor, CodeMirror and KaTeX), so nothing here imports it.
 */
export { EditorSection } from './EditorSection';
export { useNotepadCommands } from './notepad-commands';
export { notepadMessages } from './notepad-messages';
export { followNotes, useNotesStore } from './notes-store';
export { followMath } from './math-store';
export { openSessionWriting, type SessionWriting } from './session-writing';
