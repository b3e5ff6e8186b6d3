import { describe, expect, it } from 'vitest';
import { notesChangedDuring, SessionNotes } from './session-notes';

describe('SessionNotes', () => {
  it('keeps the notes saved while a session runs, once each, renamed ones under the new name', async () => {
    const notes = new SessionNotes();
    notes.saved('Before.md', '', null);
    notes.setRunning('s1');
    notes.saved('Lemma 3.md', 'a', '');
    notes.saved('Draft.md', 'b', '');
    notes.saved('Lemma 3.md', 'c', null);
    notes.renamed('Draft.md', '引理 3 草稿.md');
    notes.setRunning(null);
    notes.saved('After.md', '', null);
    expect(notes.notesOf('s1')).toEqual([
      { name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: 0, formulasChanged: 0 },
      { name: '引理 3 草稿.md', title: '引理 3 草稿', formulasAdded: 0, formulasChanged: 0 },
    ]);
    // Kept for a retried write until the next session starts.
    expect(notes.notesOf('s1')).toHaveLength(2);
    notes.setRunning('s2');
    expect(notes.notesOf('s1')).toEqual([]);
    expect(await notes.textBefore('x.md', async () => 'read')).toBe('read');
  });

  it('counts formulas from the text before the first save to the text of the last, through a rename', async () => {
    const notes = new SessionNotes();
    let reads = 0;
    const disk = async () => {
      reads++;
      return 'Known: $a$ and $b$.';
    };
    // Outside a session nothing is read.
    expect(await notes.textBefore('Lemma 3.md', disk)).toBeNull();
    notes.setRunning('s1');
    const before = await notes.textBefore('Lemma 3.md', disk);
    notes.saved('Lemma 3.md', 'Known: $a$ and $b$. New: $c$.', before);
    // Later saves of the same note do not read it again: the first text stays the base.
    expect(await notes.textBefore('Lemma 3.md', disk)).toBeNull();
    notes.saved('Lemma 3.md', 'Known: $a$ and $b+1$. New: $c$, $d$.', null);
    notes.renamed('Lemma 3.md', 'Lemma 4.md');
    notes.saved('Lemma 4.md', 'Known: $a$ and $b+1$. New: $c$, $d$, $e$.', await notes.textBefore('Lemma 4.md', disk));
    expect(reads).toBe(1);
    expect(notes.notesOf('s1')).toEqual([{ name: 'Lemma 4.md', title: 'Lemma 4', formulasAdded: 3, formulasChanged: 1 }]);
  });

  it('knows whether it followed a session from its start: not one resumed after a restart, nor one it never saw', () => {
    const notes = new SessionNotes();
    expect(notes.followedFromStart('s0')).toBe(false);
    notes.setRunning('s1', true);
    expect(notes.followedFromStart('s1')).toBe(false);
    notes.setRunning('s2');
    expect(notes.followedFromStart('s2')).toBe(true);
    notes.setRunning(null);
    expect(notes.followedFromStart('s2')).toBe(true);
    notes.setRunning('s3');
    expect(notes.followedFromStart('s2')).toBe(false);
  });
});

describe('notesChangedDuring', () => {
  it('adds, uncounted and in the order they changed, the readable notes whose files changed within the session', () => {
    const tracked = [{ name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: 2, formulasChanged: 0 }];
    const listed = [
      { name: 'Lemma 3.md', modifiedAt: 150, status: 'text' as const },
      { name: 'Later.md', modifiedAt: 180, status: 'text' as const },
      { name: 'Earlier.md', modifiedAt: 120, status: 'text' as const },
      { name: 'Before.md', modifiedAt: 99, status: 'text' as const },
      { name: 'After.md', modifiedAt: 201, status: 'text' as const },
      { name: 'Elsewhere.md', modifiedAt: 150, status: 'outside-link' as const },
    ];
    expect(notesChangedDuring(tracked, listed, 100, 200)).toEqual([
      tracked[0],
      { name: 'Earlier.md', title: 'Earlier', formulasAdded: null, formulasChanged: null },
      { name: 'Later.md', title: 'Later', formulasAdded: null, formulasChanged: null },
    ]);
  });
});
