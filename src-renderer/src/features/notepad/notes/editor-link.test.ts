import { describe, expect, it } from 'vitest';
import { EditorLink, type EditorHandle } from './editor-link';

/** Stands in for the MathEditor component's handle (a React ref), which these rules are about, not CodeMirror. */
function handle(): EditorHandle & { docs: string[]; focused: number } {
  return {
    docs: [],
    focused: 0,
    replaceDoc(text) {
      this.docs.push(text);
    },
    focus() {
      this.focused++;
    },
  };
}

describe('the link to the live editor', () => {
  it('shows a text in the attached editor and says when none is mounted', () => {
    const link = new EditorLink();
    expect(link.replaceDoc('a')).toBe(false);
    const editor = handle();
    link.attach(editor);
    expect(link.replaceDoc('b')).toBe(true);
    expect(editor.docs).toEqual(['b']);
  });

  it('gives a released editor nothing more, so opening another note builds one editor, not two', () => {
    const link = new EditorLink();
    const leaving = handle();
    link.attach(leaving);
    link.release();
    expect(link.replaceDoc('the next note')).toBe(false);
    expect(leaving.docs).toEqual([]);
    expect(link.detach(leaving)).toBe(false);
    expect(link.attached).toBe(false);
  });

  it('focuses at once, or the next editor mounted when none is', () => {
    const link = new EditorLink();
    link.focus();
    link.focusSoon();
    const editor = handle();
    link.attach(editor);
    expect(editor.focused).toBe(1);
    const next = handle();
    link.attach(next);
    expect(next.focused).toBe(0);
    link.focusSoon();
    expect(next.focused).toBe(1);
  });

  it('lets go only of the editor attached, not of one a newer editor replaced', () => {
    const link = new EditorLink();
    const old = handle();
    const current = handle();
    link.attach(old);
    link.attach(current);
    expect(link.detach(old)).toBe(false);
    expect(link.attached).toBe(true);
    expect(link.detach(current)).toBe(true);
    expect(link.attached).toBe(false);
  });
});
