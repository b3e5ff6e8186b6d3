import { vim } from '@replit/codemirror-vim';
import { EditorView } from '@codemirror/view';
import { Toggle } from './toggle';

// Vim's block cursor in the app's quiet colours instead of the extension's pink (one more class outranks its theme).
const blockCursor = EditorView.theme({
  '.cm-scroller .cm-cursorLayer .cm-fat-cursor': { background: 'var(--selection)', outline: '1px solid var(--text-quiet)' },
  '&:not(.cm-focused) .cm-scroller .cm-cursorLayer .cm-fat-cursor': { background: 'none' },
});

/**
 * Vim keys through the CodeMirror Vim extension, off unless the writer turns them on (Settings → Writing). It sits
 * first in the editor's configuration, as the extension asks, so its keys come before the editor's keymaps; keys
 * Vim leaves alone (the app's Mod shortcuts, Esc in normal mode) reach the editor and the app as before. Esc that
 * Vim takes (leaving insert or visual mode) stops there, so it never leaves full-screen writing.
 */
export const vimMode = new Toggle([vim(), blockCursor]);
