import { describe, expect, it } from 'vitest';
import { notesContract } from '../../contract/notes';
import type { FileState } from '../vault/file-state';
import { NoteIndex, excerptOf } from './note-index';

const text = (content: string, modifiedAt: number, version = 'v'.repeat(64)): FileState => ({
  status: 'text',
  content,
  version,
  modifiedAt,
  size: Buffer.byteLength(content),
});

function sample(): NoteIndex {
  const index = new NoteIndex();
  index.set('Fourier series.md', text('Periodic functions as sums of $\\sin$ and $\\cos$.', 3));
  index.set('傅里叶变换.md', text('傅里叶变换把函数分解为频率。Fourier transform.', 2));
  index.set('Groceries.md', text('milk, bread, series of errands', 1));
  index.set('blob.md', { status: 'not-text', content: null, version: 'b'.repeat(64), modifiedAt: 4, size: 10 });
  return index;
}

describe('NoteIndex', () => {
  it('lists newest first, unreadable files included', () => {
    expect(sample().list().map((note) => note.name)).toEqual(['blob.md', 'Fourier series.md', '傅里叶变换.md', 'Groceries.md']);
    expect(sample().list()[0]).toMatchObject({ status: 'not-text', excerpt: '' });
  });

  it('finds every word in title or text, title matches first, in any script', () => {
    const index = sample();
    expect(index.list('series').map((note) => note.name)).toEqual(['Fourier series.md', 'Groceries.md']);
    expect(index.list('FOURIER').map((note) => note.name)).toEqual(['Fourier series.md', '傅里叶变换.md']);
    expect(index.list('傅里叶 频率').map((note) => note.name)).toEqual(['傅里叶变换.md']);
    expect(index.list('\\cos periodic').map((note) => note.name)).toEqual(['Fourier series.md']);
    expect(index.list('nothing-like-this')).toEqual([]);
  });

  it('shows the text around a hit', () => {
    const index = new NoteIndex();
    index.set('long.md', text(`${'filler words '.repeat(40)}the Parseval identity\nholds ${'tail '.repeat(60)}`, 1));
    const [note] = index.list('parseval');
    expect(note?.excerpt).toMatch(/^….*the Parseval identity holds.*…$/);
  });

  it('says whether a change is visible, so own saves seen again by the watcher are quiet', () => {
    const index = new NoteIndex();
    expect(index.set('a.md', text('one', 1, 'a'.repeat(64)))).toBe(true);
    expect(index.set('a.md', text('one', 5, 'a'.repeat(64)))).toBe(false);
    expect(index.set('a.md', text('two', 6, 'c'.repeat(64)))).toBe(true);
    expect(index.delete('a.md')).toBe(true);
    expect(index.delete('a.md')).toBe(false);
  });

  it('compares names without case', () => {
    expect(sample().hasNameIgnoringCase('groceries.md')).toBe(true);
    expect(sample().hasNameIgnoringCase('other.md')).toBe(false);
  });

  it('builds excerpts of one line', () => {
    expect(excerptOf('# Title\n\nFirst   line\nsecond')).toBe('# Title First line second');
    expect(excerptOf(null)).toBe('');
    expect(excerptOf('x'.repeat(500)).length).toBe(161);
  });
});

// Issue 9, item 4: one entry no real file should produce never empties the list; each field made hostile in turn.
describe('NoteIndex: one hostile entry', () => {
  const good = text('fine', 10);
  const hostile: Record<string, Partial<FileState>> = {
    'modifiedAt NaN': { modifiedAt: Number.NaN },
    'modifiedAt Infinity': { modifiedAt: Number.POSITIVE_INFINITY },
    'modifiedAt beyond any date': { modifiedAt: 9e15 },
    'modifiedAt fractional': { modifiedAt: 1.5 },
    'size negative': { size: -1 },
    'size beyond safe integers': { size: 2 ** 60 },
    'size NaN': { size: Number.NaN },
    'status unknown': { status: 'exotic' as FileState['status'] },
  };
  for (const [label, field] of Object.entries(hostile)) {
    it(`lists the others and that one as unreadable: ${label}`, () => {
      const index = new NoteIndex();
      index.set('A.md', good);
      index.set('Hostile.md', { ...good, ...field });
      index.set('B.md', good);
      const notes = notesContract.list.output.parse({ notes: index.list(), notesFolderOutside: false }).notes;
      expect(notes.map((note) => note.name).sort()).toEqual(['A.md', 'B.md', 'Hostile.md']);
      expect(notes.find((note) => note.name === 'Hostile.md')).toMatchObject({ status: 'unreadable', size: 0, excerpt: '' });
    });
  }

  it('lists the others and that one flagged, with its hidden characters shown: a hostile name', () => {
    const index = new NoteIndex();
    index.set('A.md', good);
    index.set('evil\u202Egpj.md', good);
    index.set('x'.repeat(300) + '.md', good);
    const notes = notesContract.list.output.parse({ notes: index.list(), notesFolderOutside: false }).notes;
    expect(notes.map((note) => note.name).sort()).toEqual(['A.md', 'evil\u202Egpj.md']);
    expect(notes.find((note) => note.name !== 'A.md')).toMatchObject({ title: 'evil<U+202E>gpj', nameProblem: 'invisible-character' });
  });

  it('cuts the excerpt of a hostile text to the contract', () => {
    const index = new NoteIndex();
    index.set('Wide.md', text('😀'.repeat(10_000), 1));
    expect(notesContract.list.output.parse({ notes: index.list(), notesFolderOutside: false }).notes[0]?.status).toBe('text');
  });
});
