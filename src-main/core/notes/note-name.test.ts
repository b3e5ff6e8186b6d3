import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NoteName, isValidNoteName } from '../../contract/notes';
import { fileStemForTitle, titleOfNote, uniqueNoteName } from './note-name';

describe('note file names', () => {
  it('keeps titles readable, CJK included', () => {
    expect(fileStemForTitle('Fourier series')).toBe('Fourier series');
    expect(fileStemForTitle('傅里叶级数 与 卷积')).toBe('傅里叶级数 与 卷积');
    expect(fileStemForTitle('  Ω: the limit / 极限?  ')).toBe('Ω the limit 极限');
  });

  it('never builds a hidden, reserved, separator or empty name', () => {
    expect(fileStemForTitle('...hidden')).toBe('hidden');
    expect(fileStemForTitle('../../etc/passwd')).toBe('etc passwd');
    expect(fileStemForTitle('CON')).toBe('CON_');
    expect(fileStemForTitle('nul.txt')).toBe('nul_.txt');
    expect(isValidNoteName(uniqueNoteName('com1.backup', () => false))).toBe(true);
    expect(fileStemForTitle('///')).toBe('Untitled');
    expect(fileStemForTitle('trailing dots...')).toBe('trailing dots');
  });

  // Issue 9, item 5: a title never becomes a name Windows cannot hold, nor one that hides what it says.
  it('gives a title with Windows characters, device names or invisible characters a name every OS holds', () => {
    expect(fileStemForTitle('a:b')).toBe('a b');
    expect(fileStemForTitle('q?*<>|"')).toBe('q');
    expect(fileStemForTitle('CONIN$')).toBe('CONIN$_');
    expect(fileStemForTitle('conout$.log')).toBe('conout$_.log');
    expect(fileStemForTitle('LPT9')).toBe('LPT9_');
    expect(fileStemForTitle('gpj.\u202Etxt')).toBe('gpj.txt');
    expect(fileStemForTitle('zero\u200Bwidth\u00AD\uFEFF')).toBe('zerowidth');
    expect(fileStemForTitle('family 👨\u200D👩\u200D👧')).toBe('family 👨\u200D👩\u200D👧');
    for (const title of ['a:b', 'CONIN$', 'con .x', 'gpj.\u202Etxt', 'bell\u0007', 'c1\u0085', 'trailing. ']) {
      expect([title, isValidNoteName(uniqueNoteName(title, () => false))]).toEqual([title, true]);
    }
  });

  it('cuts long titles on a character boundary within the byte budget', () => {
    const stem = fileStemForTitle('数'.repeat(500));
    expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(184);
    expect(stem).toBe('数'.repeat(61));
    expect(fileStemForTitle('😀'.repeat(100))).toBe('😀'.repeat(46));
  });

  it('de-duplicates without regard to case', () => {
    const taken = new Set(['notes.md', 'notes 2.md']);
    expect(uniqueNoteName('Notes', (name) => taken.has(name))).toBe('Notes 3.md');
    expect(uniqueNoteName('Other', (name) => taken.has(name))).toBe('Other.md');
  });

  it('round-trips title and name', () => {
    expect(titleOfNote('傅里叶.md')).toBe('傅里叶');
  });

  it('turns any title into a valid name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (title) => {
        const name = uniqueNoteName(title, () => false);
        expect(isValidNoteName(name)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('NoteName schema', () => {
  it('counts the name limit in UTF-8 bytes, as file systems do', () => {
    expect(NoteName.safeParse(`${'数'.repeat(65)}.md`).success).toBe(true);
    expect(NoteName.safeParse(`${'数'.repeat(66)}.md`).success).toBe(false);
  });
  it.each(['a.md', '傅里叶 2.md', 'v1.2 notes.md', 'Ω.md'])('accepts %s', (name) => {
    expect(NoteName.safeParse(name).success).toBe(true);
  });
  it.each([
    '.md', 'a.txt', 'a.MD', '../a.md', 'a/b.md', 'a\\b.md', '.hidden.md', 'CON.md', 'lpt1.draft.md', 'a\u0000.md',
    'a .md', 'a..md', ' a.md', `${'x'.repeat(200)}.md`, 'a.md/..',
  ])('refuses %j', (name) => {
    expect(NoteName.safeParse(name).success).toBe(false);
  });
});
