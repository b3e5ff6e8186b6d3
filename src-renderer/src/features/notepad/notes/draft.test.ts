import { describe, expect, it } from 'vitest';
import { Draft } from './draft';

describe('the draft (the text as typed)', () => {
  it('keeps the editor’s text without turning it into a string until asked', () => {
    const draft = new Draft();
    let asked = 0;
    draft.edited({ toString: () => (asked++, 'typed') }, 1_000);
    expect(asked).toBe(0);
    expect(draft.text()).toBe('typed');
    expect(asked).toBe(1);
  });

  it('is dirty from the first edit, and remembers when the oldest unsaved edit was made', () => {
    const draft = new Draft();
    expect(draft.dirty).toBe(false);
    expect(draft.dirtySince).toBeNull();
    draft.edited('a', 1_000);
    draft.edited('ab', 1_400);
    expect(draft.dirty).toBe(true);
    expect(draft.dirtySince).toBe(1_000);
  });

  it('is clean after a save only if nothing was typed while it ran', () => {
    const draft = new Draft();
    draft.edited('a', 1_000);
    const first = draft.snapshot();
    expect(first.content).toBe('a');
    draft.edited('ab', 1_200);
    expect(draft.saved(first.mark)).toBe(false);
    expect(draft.dirty).toBe(true);
    expect(draft.dirtySince).toBe(1_000);
    const second = draft.snapshot();
    expect(draft.saved(second.mark)).toBe(true);
    expect(draft.dirty).toBe(false);
    expect(draft.dirtySince).toBeNull();
  });

  it('shows another text without calling it an edit, and can forget or insist on what is unsaved', () => {
    const draft = new Draft();
    draft.replace('from disk');
    expect(draft.text()).toBe('from disk');
    expect(draft.dirty).toBe(false);
    draft.markUnsaved();
    expect(draft.dirty).toBe(true);
    draft.edited('mine', 2_000);
    draft.forget();
    expect(draft.dirty).toBe(false);
    expect(draft.dirtySince).toBeNull();
    expect(draft.text()).toBe('mine');
  });
});
