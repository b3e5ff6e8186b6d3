// The real MathEditor on the bench page, loaded only on its own page (?mode=ours).
import { createRef } from 'react';
import { createRoot } from 'react-dom/client';
import { MathEditor, type MathEditorHandle } from '../../src-renderer/src/features/notepad/editor/MathEditor';

const prefs = { fontFamily: 'serif', fontSize: 18, lineHeight: 1.7, focusDimming: false, typewriter: false, vim: false, snippets: true, theoremNumbering: 'perKind', sourceMode: false } as const;

/** Mounts the editor on `text` and answers how to put its caret somewhere. */
export function mountMathEditor(root: HTMLElement, text: string): (pos: number) => void {
  const handle = createRef<MathEditorHandle>();
  createRoot(root).render(<MathEditor ref={handle} doc={text} prefs={prefs} onDocChange={() => undefined} ariaLabel="Note" />);
  return (pos) => {
    const view = handle.current!.view()!;
    view.focus();
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  };
}
