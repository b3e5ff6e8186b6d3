import { describe, expect, it } from 'vitest';
import { SessionNotes } from './session-notes';

describe('SessionNotes', () => {
  it('keeps the notes saved while a session runs, once each, renamed ones under the new name', () => {
    const notes = new SessionNotes();
    notes.saved('Before.md');
    notes.setRunning('s1');
    notes.saved('Lemma 3.md');
    notes.saved('Draft.md');
    notes.saved('Lemma 3.md');
    notes.renamed('Draft.md', '引理 3 草稿.md');
    notes.setRunning(null);
    notes.saved('After.md');
    expect(notes.notesOf('s1')).toEqual([
      { name: 'Lemma 3.md', title: 'Lemma 3' },
      { name: '引理 3 草稿.md', title: '引理 3 草稿' },
    ]);
    // Kept for a retried write until the next session starts.
    expect(notes.notesOf('s1')).toHaveLength(2);
    notes.setRunning('s2');
    expect(notes.notesOf('s1')).toEqual([]);
  });
});
