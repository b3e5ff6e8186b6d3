import { EditorState, type Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { Toggle } from './toggle';

/** Keyboard edits and motion keep the cursor line centred; a click or a scroll never moves the page. */
export function typewriterTarget(tr: Transaction): number | null {
  if (!tr.selection && !tr.docChanged) return null;
  if (tr.isUserEvent('select.pointer')) return null;
  const byKeyboard = ['input', 'delete', 'move', 'select', 'undo', 'redo'].some((event) => tr.isUserEvent(event));
  return byKeyboard ? tr.newSelection.main.head : null;
}

const centreOnTyping = EditorState.transactionExtender.of((tr) => {
  const head = typewriterTarget(tr);
  return head === null ? null : { effects: EditorView.scrollIntoView(head, { y: 'center' }) };
});

/** Typewriter scrolling, with room below the last line so it too can sit in the middle. */
export const typewriter = new Toggle([centreOnTyping, EditorView.editorAttributes.of({ class: 'cm-typewriter' })]);
