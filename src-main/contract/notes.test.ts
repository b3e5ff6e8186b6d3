import { describe, expect, it } from 'vitest';
import { EditorPrefs, NOTE_MAX_BYTES, notesContract } from './notes';

describe('notes contract', () => {
  const save = notesContract.save.input;
  const base = { name: 'a.md', baseVersion: null };

  it('refuses a 10 MB note before it reaches the core, and takes one at the cap', () => {
    expect(save.safeParse({ ...base, content: 'x'.repeat(10 * 1024 * 1024) }).success).toBe(false);
    expect(save.safeParse({ ...base, content: 'x'.repeat(NOTE_MAX_BYTES) }).success).toBe(true);
  });

  it('refuses paths, unknown fields and malformed versions', () => {
    expect(save.safeParse({ ...base, name: '../../.bashrc.md', content: '' }).success).toBe(false);
    expect(save.safeParse({ ...base, content: '', extra: 1 }).success).toBe(false);
    expect(save.safeParse({ ...base, content: '', baseVersion: 'not-a-hash' }).success).toBe(false);
    expect(notesContract.list.input.safeParse({ query: 'q'.repeat(201) }).success).toBe(false);
    expect(notesContract.create.input.safeParse({ title: '   ' }).success).toBe(false);
    expect(notesContract.restoreRecovery.input.safeParse({ name: 'a.md', mode: 'merge' }).success).toBe(false);
  });

  it('gives the writing settings calm defaults and bounds', () => {
    expect(EditorPrefs.parse({})).toEqual({ fontFamily: 'serif', fontSize: 18, lineHeight: 1.7, focusDimming: false, typewriter: false });
    expect(EditorPrefs.safeParse({ fontSize: 200 }).success).toBe(false);
    expect(EditorPrefs.safeParse({ fontFamily: 'comic' }).success).toBe(false);
  });
});
