import { lazy } from 'react';

// The notepad's public surface, as the app and the other features use it today (the notes-store helper owns this
// feature and may extend it). The view brings CodeMirror and KaTeX, so it loads when first opened.
export const NotepadView = lazy(() => import('./NotepadView').then((module) => ({ default: module.NotepadView })));
export { EditorSection } from './EditorSection';
export { useNotepadCommands } from './notepad-commands';
export { notepadMessages } from './notepad-messages';
export { useNotesStore } from './notes-store';
export { openSessionWriting, type SessionWriting } from './session-writing';
export { MathRenderCache } from './editor/katex-render';
