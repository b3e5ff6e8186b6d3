import { describe, expect, it } from 'vitest';
import { SessionNotes } from './session-notes';

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
});
