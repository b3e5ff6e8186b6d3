import { describe, expect, it } from 'vitest';
import { EditorPrefs, NOTE_MAX_BYTES, NoteSummary, noteNameProblem, notesContract } from './notes';

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
    expect(EditorPrefs.parse({})).toEqual({ fontFamily: 'serif', fontSize: 18, lineHeight: 1.7, focusDimming: false, typewriter: false, vim: false, snippets: true, theoremNumbering: 'perKind' });
    expect(EditorPrefs.safeParse({ fontSize: 200 }).success).toBe(false);
    expect(EditorPrefs.safeParse({ fontFamily: 'comic' }).success).toBe(false);
  });

  // Issue 9, item 5: names Windows cannot hold, refused on every OS so a vault synced there never meets them.
  it('refuses every name Windows cannot hold, with the reason, on every OS', () => {
    const refused: Record<string, string> = {
      'a:b.md': 'windows-character',
      'q?*<>|".md': 'windows-character',
      'CON.md': 'device-name',
      'prn.md': 'device-name',
      'Aux.draft.md': 'device-name',
      'NUL .md': 'trailing-dot-or-space',
      'nul .x.md': 'device-name',
      'COM1.md': 'device-name',
      'com9.txt.md': 'device-name',
      'LPT1.md': 'device-name',
      'lpt9.md': 'device-name',
      'CONIN$.md': 'device-name',
      'conout$.md': 'device-name',
      'dot..md': 'trailing-dot-or-space',
      'space .md': 'trailing-dot-or-space',
      ' lead.md': 'trailing-dot-or-space',
      'tab\t.md': 'control-character',
      'c1\u0085.md': 'control-character',
      'gpj.\u202Etxt.md': 'invisible-character',
      'iso\u2066late.md': 'invisible-character',
      'zero\u200Bwidth.md': 'invisible-character',
      'soft\u00ADhyphen.md': 'invisible-character',
      'bom\uFEFF.md': 'invisible-character',
      'line\u2028sep.md': 'invisible-character',
      '.hidden.md': 'hidden',
      'a/b.md': 'separator',
      'a\\b.md': 'separator',
      'note.txt': 'not-markdown',
      [`${'数'.repeat(67)}.md`]: 'too-long',
    };
    for (const [name, problem] of Object.entries(refused)) {
      expect([name, noteNameProblem(name)]).toEqual([name, problem]);
      const parsed = notesContract.read.input.safeParse({ name });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toContain(problem);
    }
  });

  it('keeps names every OS can hold, emoji and the joiners some scripts need included', () => {
    for (const name of ['Fourier series.md', '傅里叶级数.md', 'CONSOLE.md', 'com10.md', 'my con.md', 'family 👨\u200D👩\u200D👧.md', 'می\u200Cخواهم.md', 'a.b.md']) {
      expect([name, noteNameProblem(name)]).toEqual([name, null]);
    }
  });

  // Issue 9, item 4: a file from before 1970 has a negative time; a list entry may carry a name flagged on disk.
  it('takes any real time in a list entry, and a flagged name from disk', () => {
    const entry = { name: 'Old.md', title: 'Old', modifiedAt: Date.UTC(1965, 5, 1), size: 3, status: 'text', excerpt: 'old' };
    expect(NoteSummary.safeParse(entry).success).toBe(true);
    expect(NoteSummary.safeParse({ ...entry, modifiedAt: -8.64e15 }).success).toBe(true);
    expect(NoteSummary.safeParse({ ...entry, modifiedAt: Number.NaN }).success).toBe(false);
    expect(NoteSummary.safeParse({ ...entry, name: 'a:b.md', status: 'bad-name', nameProblem: 'windows-character' }).success).toBe(true);
    expect(NoteSummary.safeParse({ ...entry, name: '../x.md' }).success).toBe(false);
  });
});
