import { describe, expect, it } from 'vitest';
import type { NoteFileState } from './note-file';
import { NoteIndex, excerptOf } from './note-index';

const text = (content: string, modifiedAt: number, version = 'v'.repeat(64)): NoteFileState => ({
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
